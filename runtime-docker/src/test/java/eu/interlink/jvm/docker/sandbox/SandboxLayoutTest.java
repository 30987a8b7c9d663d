package eu.interlink.jvm.docker.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SandboxLayoutTest {

    @Test
    void aSandboxHasItsFolderAndSocketUnderTheDataRoot() {
        SandboxLayout layout = new SandboxLayout(Path.of("/data"));
        String id = layout.newId();

        assertThat(id).matches("[0-9a-f]{12}").isNotEqualTo(layout.newId());
        assertThat(layout.folder(id)).isEqualTo(Path.of("/data/sandboxes/" + id));
        assertThat(layout.socket(id)).isEqualTo(Path.of("/data/sandboxes/" + id + "/docker.sock"));
        assertThat(layout.containerName(id)).isEqualTo("interlink-sandbox-" + id);
    }

    @Test
    void aSocketPathOverTheUnixLimitIsRefusedNamingDataRootFolder() {
        Path root = Path.of("/" + "r".repeat(80));

        assertThatThrownBy(() -> new SandboxLayout(root).requireSocketFits())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("over the 107-byte limit of unix sockets")
                .hasMessageContaining("choose a DataRootFolder of at most 72 bytes");
        new SandboxLayout(Path.of("/" + "r".repeat(71))).requireSocketFits();
    }
}
