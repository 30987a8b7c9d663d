package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.podOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.github.dockerjava.api.model.ContainerMount;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Host paths whose links lead elsewhere, on the real engine: the sandbox mounts where they lead, only when the
 * operator allows that place, and never makes anything out of it first.
 */
class HostPathLinksTest {

    private static Path allowed;
    private static Path outside;

    @RegisterExtension
    static final SharedRuntime shared = new SharedRuntime(() -> RuntimeFixture.open(1, Map.of(
            "AllowHostPath", true,
            "HostPathPrefixes", List.of("/tmp"))));

    @BeforeAll
    static void makeHostFolders() throws IOException {
        allowed = Files.createTempDirectory(Path.of("/tmp"), "ilj-links-").toRealPath();
        outside = Files.createTempDirectory(Path.of("/var/tmp"), "ilj-outside-").toRealPath();
        Files.createSymbolicLink(allowed.resolve("escape"), outside);
        Files.createDirectories(allowed.resolve("real"));
        Files.writeString(allowed.resolve("real/greeting.txt"), "hello through a link\n");
        Files.createSymbolicLink(allowed.resolve("inside"), Path.of("real"));
    }

    @AfterAll
    static void removeHostFolders() throws IOException {
        for (Path folder : List.of(allowed, outside)) {
            try (Stream<Path> tree = Files.walk(folder)) {
                tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void aLinkOutOfTheAllowedFolderFailsThePodAndNothingIsMadeWhereItLeads() {
        for (String type : List.of("", "DirectoryOrCreate")) {
            Path path = allowed.resolve("escape/new");
            Pod pod = podOf("escape" + type.toLowerCase(), """
                    restartPolicy: Never
                    volumes: [{name: escape, hostPath: {path: %s, type: "%s"}}]
                    containers:
                    - name: app
                      image: interlink-jvm/busybox:local
                      command: [touch, /escape/written]
                      volumeMounts: [{name: escape, mountPath: /escape}]
                    """.formatted(path, type));

            shared.fixture().create(pod);

            PodStatus failed = shared.fixture().awaitStatus(pod,
                    status -> status.containers().get(0).getState().getTerminated() != null);
            ContainerStateTerminated terminated = failed.containers().get(0).getState().getTerminated();
            assertThat(terminated.getReason()).isEqualTo("CreateContainerConfigError");
            assertThat(terminated.getMessage()).startsWith("spec.volumes[escape].hostPath.path: " + path
                    + " resolves through a link to " + outside.resolve("new") + ": refused: ");
        }
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void aLinkThatStaysInTheAllowedFolderIsMountedFromWhereItLeadsReadOnlyWhenEveryMountIs() throws IOException {
        Pod pod = podOf("inside", """
                restartPolicy: Never
                volumes: [{name: shared, hostPath: {path: %s, type: Directory}}]
                containers:
                - name: app
                  image: interlink-jvm/busybox:local
                  command: [cat, /shared/greeting.txt]
                  volumeMounts: [{name: shared, mountPath: /shared, readOnly: true}]
                """.formatted(allowed.resolve("inside")));
        shared.fixture().awaitReady();

        String sandboxId = shared.fixture().create(pod).podJid();

        shared.fixture().awaitAllSucceeded(pod);
        assertThat(shared.fixture().logs(pod, "app", LogOptions.DEFAULTS)).isEqualTo("hello through a link\n");
        assertThat(shared.fixture().containersLabelled(Map.of(Labels.SANDBOX_ID, sandboxId, Labels.ROLE,
                Labels.ROLE_SANDBOX))).singleElement().satisfies(sandbox -> assertThat(sandbox.getMounts())
                        .filteredOn(mount -> allowed.resolve("inside").toString().equals(mount.getDestination()))
                        .extracting(ContainerMount::getSource, ContainerMount::getRw)
                        .containsExactly(tuple(allowed.resolve("real").toString(),
                                false)));
    }
}
