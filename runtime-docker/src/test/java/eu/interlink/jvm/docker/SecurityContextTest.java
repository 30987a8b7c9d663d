package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.capEff;
import static eu.interlink.jvm.docker.RuntimeFixture.podOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.api.wire.LogOptions;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.api.wire.RetrievedContainer;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pod and container security contexts, applied to the pod's containers on the real engine as kubelet applies them,
 * and what the operator's default policy refuses.
 */
class SecurityContextTest {

    /** Bits of /proc/self/status CapEff: CAP_NET_RAW is 13. */
    private static final long NET_RAW = 1L << 13;

    @RegisterExtension
    static final SharedRuntime shared = new SharedRuntime(RuntimeFixture::open);

    @Test
    void runAsUserRunAsGroupAndExtraGroupsAreWhoTheContainersRunAsAndAContainerOverridesThePod() throws IOException {
        Pod pod = podOf("identity", """
                restartPolicy: Never
                securityContext: {runAsUser: 1000, runAsGroup: 3000, fsGroup: 5000, supplementalGroups: [4000]}
                containers:
                - {name: pod-level, image: interlink-jvm/busybox:local, command: [id]}
                - name: own
                  image: interlink-jvm/busybox:local
                  command: [id]
                  securityContext: {runAsUser: 2000}
                """);

        shared.fixture().create(pod);

        shared.fixture().awaitAllSucceeded(pod);
        assertThat(logs(pod, "pod-level")).startsWith("uid=1000 gid=3000 groups=").contains("4000").contains("5000");
        assertThat(logs(pod, "own")).startsWith("uid=2000 gid=3000 groups=");
    }

    @Test
    void runAsNonRootRefusesAnImageThatRunsAsRootWithKubeletsMessageAndRunsWithANonRootUser() throws IOException {
        Pod pod = podOf("non-root", """
                restartPolicy: Never
                securityContext: {runAsNonRoot: true}
                containers:
                - {name: as-image, image: interlink-jvm/busybox:local, command: [id, -u]}
                - {name: as-1000, image: interlink-jvm/busybox:local, command: [id, -u], securityContext: {runAsUser: 1000}}
                """);

        shared.fixture().create(pod);

        PodStatus status = shared.fixture().awaitStatus(pod, current -> current.containers().size() == 2
                && isRefused(current.containers().get(0)) && current.containers().get(1).getState().getTerminated() != null);
        ContainerStatus refused = status.containers().get(0);
        String message = refused.getState().getWaiting() != null ? refused.getState().getWaiting().getMessage()
                : refused.getState().getTerminated().getMessage();
        assertThat(message).isEqualTo("container has runAsNonRoot and image will run as root (pod: \"non-root_tests("
                + pod.getMetadata().getUid() + ")\", container: as-image)");
        assertThat(status.containers().get(1).getState().getTerminated().getExitCode()).isZero();
        assertThat(logs(pod, "as-1000")).isEqualTo("1000\n");
    }

    @Test
    void fsGroupMakesASecretThatOnlyRootCouldReadReadableByTheGroup() throws IOException {
        Pod pod = podOf("fs-group", """
                restartPolicy: Never
                securityContext: {runAsUser: 1000, fsGroup: 2000}
                volumes: [{name: creds, secret: {secretName: creds, defaultMode: 0400}}]
                containers:
                - name: reader
                  image: interlink-jvm/busybox:local
                  command: [sh, -c, "stat -c '%a %g' /creds/password; cat /creds/password"]
                  volumeMounts: [{name: creds, mountPath: /creds}]
                """);
        RetrievedContainer objects = new RetrievedContainer("reader", List.of(),
                List.of(new SecretBuilder().withNewMetadata().withName("creds").endMetadata()
                        .withData(Map.of("password", "czNjcjN0")).build()), List.of(), null);

        shared.fixture().create(new RetrievedPodData(pod, List.of(objects)));

        shared.fixture().awaitAllSucceeded(pod);
        assertThat(logs(pod, "reader")).isEqualTo("440 2000\ns3cr3t");
    }

    @Test
    void aReadOnlyRootFilesystemRefusesWritesOutsideTheVolumes() throws IOException {
        Pod pod = podOf("read-only", """
                restartPolicy: Never
                volumes: [{name: scratch, emptyDir: {}}]
                containers:
                - name: app
                  image: interlink-jvm/busybox:local
                  command: [sh, -c, "touch /x 2>/dev/null || echo root is read-only; touch /scratch/x && echo scratch is writable"]
                  securityContext: {readOnlyRootFilesystem: true}
                  volumeMounts: [{name: scratch, mountPath: /scratch}]
                """);

        shared.fixture().create(pod);

        shared.fixture().awaitAllSucceeded(pod);
        assertThat(logs(pod, "app")).isEqualTo("root is read-only\nscratch is writable\n");
    }

    @Test
    void allowPrivilegeEscalationFalseSetsNoNewPrivsAndDroppedCapabilitiesAreGone() throws IOException {
        Pod pod = podOf("privileges", """
                restartPolicy: Never
                containers:
                - name: plain
                  image: interlink-jvm/busybox:local
                  command: [sh, -c, "grep -E '^(NoNewPrivs|CapEff)' /proc/self/status"]
                - name: restricted
                  image: interlink-jvm/busybox:local
                  command: [sh, -c, "grep -E '^(NoNewPrivs|CapEff)' /proc/self/status; ping -c 1 127.0.0.1 >/dev/null 2>&1 || echo ping refused"]
                  securityContext:
                    allowPrivilegeEscalation: false
                    capabilities: {drop: [CAP_NET_RAW]}
                """);

        shared.fixture().create(pod);

        shared.fixture().awaitAllSucceeded(pod);
        String plain = logs(pod, "plain");
        String restricted = logs(pod, "restricted");
        assertThat(plain).contains("NoNewPrivs:\t0");
        assertThat(capEff(plain) & NET_RAW).isEqualTo(NET_RAW);
        assertThat(restricted).contains("NoNewPrivs:\t1").contains("ping refused");
        assertThat(capEff(restricted)).isEqualTo(capEff(plain) & ~NET_RAW);
    }

    @Test
    void thePodsIpcSysctlsAndAnUnconfinedSeccompProfileReachItsContainers() throws IOException {
        Pod pod = podOf("sysctls", """
                restartPolicy: Never
                securityContext:
                  sysctls: [{name: kernel.shm_rmid_forced, value: "1"}]
                containers:
                - name: confined
                  image: interlink-jvm/busybox:local
                  command: [sh, -c, "cat /proc/sys/kernel/shm_rmid_forced; grep '^Seccomp:' /proc/self/status"]
                - name: unconfined
                  image: interlink-jvm/busybox:local
                  command: [sh, -c, "cat /proc/sys/kernel/shm_rmid_forced; grep '^Seccomp:' /proc/self/status"]
                  securityContext: {seccompProfile: {type: Unconfined}}
                """);

        shared.fixture().create(pod);

        shared.fixture().awaitAllSucceeded(pod);
        assertThat(logs(pod, "confined")).isEqualTo("1\nSeccomp:\t2\n");
        assertThat(logs(pod, "unconfined")).isEqualTo("1\nSeccomp:\t0\n");
    }

    @Test
    void addedCapabilitiesPrivilegedContainersAndHostPathsAreRefusedUnlessTheOperatorAllowsThem() {
        Pod pod = podOf("forbidden", """
                volumes: [{name: host, hostPath: {path: /srv}}]
                containers:
                - name: app
                  image: interlink-jvm/busybox:local
                  securityContext: {privileged: true, capabilities: {add: [SYS_TIME]}}
                  volumeMounts: [{name: host, mountPath: /host}]
                """);

        assertThatThrownBy(() -> shared.fixture().create(pod))
                .isInstanceOf(InvalidPodException.class)
                .hasMessage("pod tests/forbidden (" + pod.getMetadata().getUid() + ") asks for what the operator does"
                        + " not allow: spec.containers[app].securityContext.privileged: refused: the operator's"
                        + " Docker.AllowPrivilegedPods is false; spec.containers[app].securityContext.capabilities"
                        + ".add[SYS_TIME]: refused: the operator's Docker.AllowedCapabilities does not list SYS_TIME;"
                        + " spec.volumes[host].hostPath: refused: the operator's Docker.AllowHostPath is false");
        assertThat(shared.fixture().containersOf(pod)).isEmpty();
    }

    private static boolean isRefused(ContainerStatus status) {
        String reason = status.getState().getWaiting() != null ? status.getState().getWaiting().getReason()
                : status.getState().getTerminated() != null ? status.getState().getTerminated().getReason() : null;
        return "CreateContainerConfigError".equals(reason);
    }

    private static String logs(Pod pod, String container) throws IOException {
        return shared.fixture().logs(pod, container, LogOptions.DEFAULTS);
    }
}
