package eu.interlink.jvm.docker.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import eu.interlink.jvm.docker.volumes.ResolvedMount;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The termination message file of each run of a container, as kubelet makes it. */
class TerminationMessagesTest {

    @TempDir
    Path sandboxFolder;

    @Test
    void eachRunHasItsOwnEmptyFileThatAnyUserMayWriteMountedAtTheDefaultPath() throws IOException {
        Container container = new ContainerBuilder().withName("app").build();

        ResolvedMount first = TerminationMessages.prepare(sandboxFolder, container, 0);
        ResolvedMount second = TerminationMessages.prepare(sandboxFolder, container, 1);

        assertThat(first.mountPath()).isEqualTo("/dev/termination-log");
        assertThat(first.readOnly()).isFalse();
        assertThat(first.source()).isNotEqualTo(second.source());
        assertThat(Path.of(first.source())).startsWith(sandboxFolder).isEmptyFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(first.source()))))
                .isEqualTo("rw-rw-rw-");
    }

    @Test
    void aRunTriedAgainStartsWithAnEmptyFileAtItsOwnPath() throws IOException {
        Container container = new ContainerBuilder().withName("app").withTerminationMessagePath("/tmp/outcome").build();
        Path file = Path.of(TerminationMessages.prepare(sandboxFolder, container, 2).source());
        Files.writeString(file, "left over");

        ResolvedMount again = TerminationMessages.prepare(sandboxFolder, container, 2);

        assertThat(again.mountPath()).isEqualTo("/tmp/outcome");
        assertThat(Path.of(again.source())).isEqualTo(file).isEmptyFile();
    }
}
