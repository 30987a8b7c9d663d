package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.capEff;
import static eu.interlink.jvm.docker.RuntimeFixture.podOf;
import static org.assertj.core.api.Assertions.assertThat;

import eu.interlink.jvm.api.wire.LogOptions;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.docker.engine.Labels;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an operator's policy lets pods have beyond their sandbox, on the real engine: added capabilities and host
 * paths, which a pod gets in a sandbox built for it, since pooled sandboxes have no host paths.
 */
class OperatorPolicyTest {

    /** Bits of /proc/self/status CapEff: CAP_SYS_TIME is 25. */
    private static final long SYS_TIME = 1L << 25;
    /** CAP_SYS_RESOURCE is 24: no container has it unless privileged. */
    private static final long SYS_RESOURCE = 1L << 24;

    private static Path hostFolder;

    @RegisterExtension
    static final SharedRuntime shared = new SharedRuntime(() -> RuntimeFixture.open(1, Map.of(
            "AllowPrivilegedPods", true,
            "AllowedCapabilities", List.of("SYS_TIME"),
            "AllowHostPath", true,
            "HostPathPrefixes", List.of("/tmp"))));

    @BeforeAll
    static void makeHostFolder() throws IOException {
        hostFolder = Files.createTempDirectory(Path.of("/tmp"), "ilj-host-");
        Files.writeString(hostFolder.resolve("greeting.txt"), "hello from the host\n");
    }

    @AfterAll
    static void removeHostFolder() throws IOException {
        try (Stream<Path> tree = Files.walk(hostFolder)) {
            tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void aCapabilityTheOperatorAllowsIsAdded() throws IOException {
        Pod pod = podOf("sys-time", """
                restartPolicy: Never
                containers:
                - name: app
                  image: interlink-jvm/busybox:local
                  command: [grep, CapEff, /proc/self/status]
                  securityContext: {capabilities: {add: [CAP_SYS_TIME]}}
                """);

        shared.fixture().create(pod);

        shared.fixture().awaitAllSucceeded(pod);
        assertThat(capEff(shared.fixture().logs(pod, "app", LogOptions.DEFAULTS)) & SYS_TIME).isEqualTo(SYS_TIME);
    }

    /**
     * A pod's container cannot have more than its sandbox: where the engine refuses privileged sandboxes (and so
     * sandboxes run with DindSecurity capabilities, without CAP_SYS_RESOURCE), the container fails to start, and its
     * status says why.
     */
    @Test
    void aPrivilegedContainerTheOperatorAllowsGetsEveryCapabilityOrSaysWhyItCannot() throws IOException {
        Pod pod = podOf("privileged", """
                restartPolicy: Never
                containers:
                - name: app
                  image: interlink-jvm/busybox:local
                  command: [grep, CapEff, /proc/self/status]
                  securityContext: {privileged: true}
                """);

        shared.fixture().create(pod);

        Optional<String> engineRefusesPrivileged = shared.fixture().privilegedRefusal();
        if (engineRefusesPrivileged.isPresent()) {
            PodStatus ended = shared.fixture().awaitStatus(pod,
                    status -> status.containers().get(0).getState().getTerminated() != null);
            ContainerStateTerminated terminated = ended.containers().get(0).getState().getTerminated();
            assertThat(terminated.getReason()).isEqualTo("StartError");
            assertThat(terminated.getMessage()).contains("unable to apply caps");
        } else {
            shared.fixture().awaitAllSucceeded(pod);
            assertThat(capEff(shared.fixture().logs(pod, "app", LogOptions.DEFAULTS)) & SYS_RESOURCE)
                    .isEqualTo(SYS_RESOURCE);
        }
    }

    @Test
    void aHostPathUnderAnAllowedPrefixIsReadByThePodInASandboxBuiltForIt() throws IOException {
        Pod pod = podOf("host-path", """
                restartPolicy: Never
                volumes:
                - {name: shared, hostPath: {path: %s, type: Directory}}
                - {name: made, hostPath: {path: %s/made, type: DirectoryOrCreate}}
                containers:
                - name: app
                  image: interlink-jvm/busybox:local
                  command: [sh, -c, "cat /host/greeting.txt; echo from the pod > /made/note; touch /host/x 2>/dev/null || echo read-only"]
                  volumeMounts: [{name: shared, mountPath: /host, readOnly: true}, {name: made, mountPath: /made}]
                """.formatted(hostFolder, hostFolder));
        shared.fixture().awaitReady();

        String sandboxId = shared.fixture().create(pod).podJid();

        shared.fixture().awaitAllSucceeded(pod);
        assertThat(shared.fixture().logs(pod, "app", LogOptions.DEFAULTS)).isEqualTo("hello from the host\nread-only\n");
        assertThat(hostFolder.resolve("made/note")).hasContent("from the pod");
        assertThat(shared.fixture().containersLabelled(Map.of(Labels.SANDBOX_ID, sandboxId, Labels.ROLE,
                Labels.ROLE_SANDBOX))).singleElement().satisfies(sandbox ->
                        assertThat(sandbox.getLabels()).containsEntry(Labels.POOL, "false"));
    }

    @Test
    void aHostPathOfTypeFileThatIsMissingFailsThePodWithKubeletsReason() {
        Path missing = hostFolder.resolve("missing.conf");
        Pod pod = podOf("host-file", """
                restartPolicy: Never
                volumes: [{name: conf, hostPath: {path: %s, type: File}}]
                containers:
                - name: app
                  image: interlink-jvm/busybox:local
                  command: [cat, /etc/app.conf]
                  volumeMounts: [{name: conf, mountPath: /etc/app.conf}]
                """.formatted(missing));

        shared.fixture().create(pod);

        PodStatus failed = shared.fixture().awaitStatus(pod,
                status -> status.containers().get(0).getState().getTerminated() != null);
        ContainerStateTerminated terminated = failed.containers().get(0).getState().getTerminated();
        assertThat(terminated.getReason()).isEqualTo("CreateContainerConfigError");
        assertThat(terminated.getMessage()).isEqualTo("MountVolume.SetUp failed for volume \"conf\" : hostPath type"
                + " check failed: " + missing + " is not a file");
        assertThat(missing).doesNotExist();
    }
}
