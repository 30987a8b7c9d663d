package eu.interlink.jvm.itests;

import static eu.interlink.jvm.itests.FakeAccelerator.acceleratorsInPing;
import static eu.interlink.jvm.itests.FakeAccelerator.available;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator extends the plugin without rebuilding it or changing how it is started: the fake accelerator's jar,
 * copied into the plugins folder of the real plugin started with {@code java -jar} (so with nothing else on its
 * classpath), is loaded, logged with where it came from, and its devices are offered in the health ping.
 */
class PluginsFolderIT {

    @TempDir
    Path workDir;

    @Test
    void theFakeAcceleratorCopiedIntoThePluginsFolderOffersItsDevices() throws IOException, InterruptedException {
        Path plugins = Files.createDirectory(workDir.resolve("extensions"));
        Path jar = Files.copy(FakeAccelerator.jar(), plugins.resolve("fake-accelerator.jar"));
        Files.writeString(plugins.resolve("README.txt"), "jars here are loaded at start");
        Map<String, Object> config = Map.of(
                "SidecarPort", 0,
                "AVAILABLEDINDS", 0,
                "DataRootFolder", workDir.resolve("data").toString(),
                "Host", Map.of("PluginsFolder", plugins.toString()),
                "Docker", Map.of("DindImage", "interlink-jvm/dind:local"));

        try (PluginProcess plugin = PluginProcess.start(workDir, config)) {
            assertThat(plugin.output())
                    .contains("plugin jar " + jar + "\n")
                    .doesNotContain("README.txt")
                    .contains("found AcceleratorProvider '" + FakeAccelerator.RESOURCE + "': "
                            + FakeAccelerator.PROVIDER + " from file:" + jar + "\n")
                    .contains("2 " + FakeAccelerator.RESOURCE + " devices: fake0 (Fake accelerator), fake1");
            assertThat(acceleratorsInPing(new InterLinkClient(plugin.address()))).isEqualTo(available(2));
        }
    }
}
