package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;

import eu.interlink.jvm.api.wire.ContainerReasons;
import eu.interlink.jvm.api.wire.PodStatus;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Containers' startup, liveness and readiness probes run as kubelet runs them, against real containers: a running
 * container is reported ready only once its probes say so, and {@code waiting} until then (interLink's virtual kubelet
 * would take a {@code running} one for ready); a failed liveness or startup probe kills the container, which then
 * runs again, or not, as the pod's {@code restartPolicy} says.
 */
class ProbesTest {

    @RegisterExtension
    static final SharedRuntime shared = new SharedRuntime(() -> RuntimeFixture.withFirstRestartPause(Duration.ofSeconds(1)));

    @Test
    void aReadinessProbeThatPassesAfterThreeSecondsMakesTheContainerReadyThenNotBefore() {
        Pod pod = pod("slow-start", new ContainerBuilder(shell("main", "sleep 3; touch /tmp/ready; sleep 3600"))
                .withReadinessProbe(everySecond(exec("cat", "/tmp/ready"))).build());
        shared.fixture().create(pod);

        ContainerStatus early = main(shared.fixture().awaitStatus(pod, status -> waiting(main(status)) != null
                && ContainerReasons.PROBES_PENDING.equals(waiting(main(status)).getReason())));
        assertThat(early.getReady()).isFalse();
        assertThat(early.getStarted()).isTrue();
        assertThat(waiting(early).getMessage()).contains("running since ");

        ContainerStatus ready = main(shared.fixture().awaitStatus(pod, status -> main(status).getState().getRunning() != null));
        assertThat(ready.getReady()).isTrue();
        assertThat(ready.getStarted()).isTrue();
        assertThat(Duration.between(Instant.parse(ready.getState().getRunning().getStartedAt()), Instant.now()))
                .as("ready only once the file exists").isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        shared.fixture().runtime.delete(pod);
    }

    @Test
    void noStatusShowsAContainerWithAReadinessProbeRunningBetweenItsStartAndItsFirstPassingProbe()
            throws InterruptedException {
        Pod pod = pod("no-early-running", new ContainerBuilder(shell("main", "sleep 2; touch /tmp/ready; sleep 3600"))
                .withReadinessProbe(everySecond(exec("cat", "/tmp/ready"))).build());
        shared.fixture().create(pod);

        // Status reads cost no Docker call: read as often as can be, to catch the moment the container starts.
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        ContainerStatus main = main(shared.fixture().runtime.status(pod));
        while (main.getState().getRunning() == null && Instant.now().isBefore(deadline)) {
            Thread.sleep(1);
            main = main(shared.fixture().runtime.status(pod));
        }

        assertThat(main.getState().getRunning()).as("seen running within a minute").isNotNull();
        assertThat(Duration.between(Instant.parse(main.getState().getRunning().getStartedAt()), Instant.now()))
                .as("first seen running only once its probe passed").isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        shared.fixture().runtime.delete(pod);
    }

    @Test
    void httpGetAndTcpSocketProbesReachThePodsIpAndAnHttpGetAnswered404IsNotReady() {
        Pod pod = pod("web", new ContainerBuilder(httpd("web", 8080))
                        .addNewPort().withName("http").withContainerPort(8080).endPort()
                        .withReadinessProbe(everySecond(new ProbeBuilder().withNewHttpGet().withPath("index.html")
                                .withPort(new IntOrString("http")).addNewHttpHeader().withName("X-Probe")
                                .withValue("yes").endHttpHeader().endHttpGet().build())).build(),
                new ContainerBuilder(httpd("missing", 8081))
                        .withReadinessProbe(everySecond(new ProbeBuilder().withNewHttpGet().withPath("/missing")
                                .withPort(new IntOrString(8081)).endHttpGet().build())).build(),
                new ContainerBuilder(httpd("tcp", 9000))
                        .withReadinessProbe(everySecond(new ProbeBuilder().withNewTcpSocket()
                                .withPort(new IntOrString(9000)).endTcpSocket().build())).build());
        shared.fixture().create(pod);

        PodStatus status = shared.fixture().awaitStatus(pod, now -> now.containers().get(0).getReady()
                && now.containers().get(2).getReady() && waiting(now.containers().get(1)) != null
                && waiting(now.containers().get(1)).getMessage().contains("answered 404"));

        assertThat(status.containers().get(0).getState().getRunning()).isNotNull();
        assertThat(status.containers().get(2).getState().getRunning()).isNotNull();
        ContainerStatus missing = status.containers().get(1);
        assertThat(missing.getReady()).isFalse();
        assertThat(waiting(missing).getReason()).isEqualTo(ContainerReasons.PROBES_PENDING);
        assertThat(waiting(missing).getMessage()).startsWith("Readiness probe failed: httpGet http://")
                .contains(":8081/missing answered 404");
        shared.fixture().runtime.delete(pod);
    }

    @Test
    void anExecProbeThatOutlastsItsTimeoutFails() {
        Pod pod = pod("slow-probe", new ContainerBuilder(shell("main", "exec sleep 3600"))
                .withReadinessProbe(new ProbeBuilder(everySecond(exec("sleep", "5"))).withTimeoutSeconds(1).build())
                .build());
        shared.fixture().create(pod);

        ContainerStatus main = main(shared.fixture().awaitStatus(pod, status -> waiting(main(status)) != null
                && waiting(main(status)).getMessage().contains("timed out")));

        assertThat(waiting(main).getMessage()).startsWith("Readiness probe failed: exec sleep 5 timed out after 1 s");
        assertThat(main.getReady()).isFalse();
        shared.fixture().runtime.delete(pod);
    }

    @Test
    void aFailingLivenessProbeRestartsTheContainerAndCountsTheRestart() {
        Pod pod = withPolicy("Always", new ContainerBuilder(shell("main", "sleep 3600"))
                .withLivenessProbe(new ProbeBuilder(everySecond(exec("cat", "/tmp/alive"))).withFailureThreshold(2)
                        .build()).build());
        shared.fixture().create(pod);

        ContainerStatus restarted = main(shared.fixture().awaitStatus(pod, status -> main(status).getRestartCount() >= 1
                && main(status).getLastState() != null));

        ContainerStateTerminated killed = restarted.getLastState().getTerminated();
        assertThat(killed.getMessage()).startsWith("Liveness probe failed: exec cat /tmp/alive exited with code 1")
                .endsWith("; the container was killed");
        assertThat(killed.getExitCode()).isNotZero();
        assertThat(restarted.getState().getTerminated()).as("a container that runs again").isNull();
        shared.fixture().runtime.delete(pod);
    }

    @Test
    void underOnFailureAContainerKilledForItsLivenessProbeRunsAgainEvenWhenItExitsWithZero() {
        Pod pod = withPolicy("OnFailure", new ContainerBuilder(
                shell("main", "trap 'exit 0' TERM; while true; do sleep 0.1; done"))
                .withLivenessProbe(new ProbeBuilder(everySecond(exec("false"))).withFailureThreshold(1).build()).build());
        shared.fixture().create(pod);

        ContainerStatus restarted = main(shared.fixture().awaitStatus(pod, status -> main(status).getRestartCount() >= 1
                && main(status).getLastState() != null));

        assertThat(restarted.getLastState().getTerminated().getExitCode()).isZero();
        assertThat(restarted.getLastState().getTerminated().getMessage()).startsWith("Liveness probe failed: ");
        assertThat(restarted.getState().getTerminated()).isNull();
        shared.fixture().runtime.delete(pod);
    }

    @Test
    void aFailingLivenessProbeUnderNeverLeavesTheContainerTerminated() {
        Pod pod = pod("doomed", new ContainerBuilder(shell("main", "sleep 3600"))
                .withLivenessProbe(new ProbeBuilder(everySecond(exec("cat", "/tmp/alive"))).withFailureThreshold(1)
                        .withTerminationGracePeriodSeconds(1L).build()).build());
        shared.fixture().create(pod);

        ContainerStatus ended = main(shared.fixture().awaitStatus(pod, status -> terminated(main(status)) != null));

        assertThat(terminated(ended).getExitCode()).isEqualTo(137);
        assertThat(terminated(ended).getReason()).isEqualTo("Error");
        assertThat(terminated(ended).getMessage()).startsWith("Liveness probe failed: ");
        assertThat(ended.getRestartCount()).isZero();
        shared.fixture().runtime.delete(pod);
    }

    @Test
    void aStartupProbeThatNeverPassesKeepsTheContainerUnstartedThenKillsIt() {
        Pod pod = pod("never-starts", new ContainerBuilder(shell("main", "sleep 3600"))
                .withStartupProbe(new ProbeBuilder(everySecond(exec("false"))).withFailureThreshold(3).build())
                .withReadinessProbe(everySecond(exec("true"))).build());
        shared.fixture().create(pod);

        ContainerStatus starting = main(shared.fixture().awaitStatus(pod, status -> waiting(main(status)) != null
                && ContainerReasons.PROBES_PENDING.equals(waiting(main(status)).getReason())));
        assertThat(starting.getStarted()).isFalse();
        assertThat(starting.getReady()).isFalse();

        ContainerStatus ended = main(shared.fixture().awaitStatus(pod, status -> terminated(main(status)) != null));
        assertThat(terminated(ended).getMessage()).startsWith("Startup probe failed: exec false exited with code 1");
        assertThat(ended.getReady()).isFalse();
        shared.fixture().runtime.delete(pod);
    }

    private static Container httpd(String name, int port) {
        return shell(name, "mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p " + port + " -h /www");
    }

    private static Probe exec(String... command) {
        return new ProbeBuilder().withNewExec().withCommand(command).endExec().build();
    }

    private static Probe everySecond(Probe probe) {
        return new ProbeBuilder(probe).withPeriodSeconds(1).build();
    }

    private static Pod withPolicy(String restartPolicy, Container... containers) {
        return new PodBuilder(pod("flaky", List.of(), List.of(containers)))
                .editSpec().withRestartPolicy(restartPolicy).endSpec().build();
    }

    private static ContainerStatus main(PodStatus status) {
        return status.containers().get(0);
    }

    private static ContainerStateWaiting waiting(ContainerStatus status) {
        return status.getState().getWaiting();
    }

    private static ContainerStateTerminated terminated(ContainerStatus status) {
        return status.getState().getTerminated();
    }
}
