package eu.interlink.jvm.docker.probes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ContainerChecksTest {

    private static final String AT = "spec.containers[app]";

    @Test
    void unsetAndZeroValuesTakeKubernetesDefaults() {
        ProbeTiming timing = ProbeTiming.of(new ProbeBuilder().withPeriodSeconds(0).withNewExec().withCommand("true")
                .endExec().build());

        assertThat(timing).isEqualTo(new ProbeTiming(Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(1), 1, 3));
    }

    @Test
    void aValidProbeWithANamedPortPasses() {
        Container container = new ContainerBuilder().withName("app").addNewPort().withName("web")
                .withContainerPort(8080).endPort()
                .withReadinessProbe(new ProbeBuilder().withNewHttpGet().withPath("healthz").withPort(new IntOrString("web"))
                        .endHttpGet().build())
                .build();

        assertThat(ContainerChecks.invalid(AT, container)).isEmpty();
        assertThat(Checks.uri(container.getReadinessProbe().getHttpGet(), "10.0.0.7",
                new CheckTarget(null, null, "10.0.0.7", container.getPorts())).toString())
                .isEqualTo("http://10.0.0.7:8080/healthz");
    }

    @Test
    void anUnknownNamedPortIsInvalidAndNamed() {
        Container container = withLiveness(new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString("db"))
                .endTcpSocket().build());

        assertThat(ContainerChecks.invalid(AT, container))
                .contains(AT + ".livenessProbe.tcpSocket.port: no port of the container is named 'db'");
    }

    @Test
    void aProbeWithoutOrWithTwoActionsIsInvalid() {
        assertThat(ContainerChecks.invalid(AT, withLiveness(new ProbeBuilder().withPeriodSeconds(1).build())))
                .contains(AT + ".livenessProbe: must set exactly one action");
        assertThat(ContainerChecks.invalid(AT, withLiveness(new ProbeBuilder().withNewExec().withCommand("true")
                .endExec().withNewTcpSocket().withPort(new IntOrString(80)).endTcpSocket().build())))
                .contains(AT + ".livenessProbe: must set exactly one action");
    }

    @Test
    void negativeTimingsAndALivenessSuccessThresholdAboveOneAreInvalid() {
        assertThat(ContainerChecks.invalid(AT, withLiveness(exec().withPeriodSeconds(-1).build())))
                .contains(AT + ".livenessProbe.periodSeconds: must be 0 or more");
        assertThat(ContainerChecks.invalid(AT, withLiveness(exec().withSuccessThreshold(2).build())))
                .contains(AT + ".livenessProbe.successThreshold: must be 1");
    }

    @Test
    void grpcProbesTcpSocketHooksStopSignalsAndRestrictedHeadersAreUnsupported() {
        Container container = new ContainerBuilder().withName("app")
                .withLivenessProbe(new ProbeBuilder().withNewGrpc().withPort(9000).endGrpc().build())
                .withReadinessProbe(new ProbeBuilder().withNewHttpGet().withPort(new IntOrString(80))
                        .addNewHttpHeader().withName("Host").withValue("example.org").endHttpHeader().endHttpGet().build())
                .withNewLifecycle().withNewPreStop().withNewTcpSocket().withPort(new IntOrString(80)).endTcpSocket()
                .endPreStop().withStopSignal("SIGUSR1").endLifecycle()
                .build();

        assertThat(ContainerChecks.unsupported(AT, container)).containsExactly(
                AT + ".livenessProbe.grpc (gRPC probes are not supported)",
                AT + ".readinessProbe.httpGet.httpHeaders[Host] (a header Java's HTTP client does not let a request set)",
                AT + ".lifecycle.preStop.tcpSocket (deprecated in lifecycle hooks, which kubelet does not run either)",
                AT + ".lifecycle.stopSignal");
    }

    private static ProbeBuilder exec() {
        return new ProbeBuilder().withNewExec().withCommand("true").endExec();
    }

    private static Container withLiveness(Probe probe) {
        return new ContainerBuilder().withName("app").withLivenessProbe(probe).build();
    }
}
