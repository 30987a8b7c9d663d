package eu.interlink.jvm.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.interlink.jvm.api.settings.InvalidSettingException;
import eu.interlink.jvm.api.settings.PluginSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which folder is the plugins folder, and when a named one stops the start. */
class PluginFolderTest {

    @TempDir
    Path directory;

    @Test
    void without_the_setting_the_default_folder_applies_and_may_be_missing() {
        Path defaultFolder = directory.resolve("plugins");

        assertThat(PluginFolder.from(PluginSettings.empty(), defaultFolder))
                .isEqualTo(new PluginFolder(defaultFolder, false));
    }

    @Test
    void the_folder_the_setting_names_is_required() {
        assertThat(PluginFolder.from(hostSetting(directory.toString()), directory.resolve("plugins")))
                .isEqualTo(new PluginFolder(directory, true));
    }

    @Test
    void the_environment_overrides_the_file() throws IOException {
        Path fromEnvironment = Files.createDirectory(directory.resolve("from-environment"));
        PluginSettings settings = PluginSettings.of(Map.of("Host", Map.of("PluginsFolder", "/nowhere")),
                Map.of("PLUGINSFOLDER", fromEnvironment.toString()));

        assertThat(PluginFolder.from(settings, directory).path()).isEqualTo(fromEnvironment);
    }

    @Test
    void a_relative_folder_is_in_the_working_directory() {
        assertThat(PluginFolder.from(hostSetting("src"), directory).path()).isEqualTo(Path.of("src").toAbsolutePath());
    }

    @Test
    void a_named_folder_that_is_missing_stops_the_start_naming_the_key() {
        Path missing = directory.resolve("missing");

        assertThatThrownBy(() -> PluginFolder.from(hostSetting(missing.toString()), directory))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Host.PluginsFolder: expected a folder of plugin jars, got '" + missing
                        + " (no such folder)'");
    }

    @Test
    void a_named_file_stops_the_start_naming_the_key() throws IOException {
        Path file = Files.writeString(directory.resolve("plugin.jar"), "");

        assertThatThrownBy(() -> PluginFolder.from(hostSetting(file.toString()), directory))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Host.PluginsFolder: expected a folder of plugin jars, got '" + file + " (not a folder)'");
    }

    @Test
    void the_default_folder_is_beside_the_jar_a_class_comes_from() throws IOException {
        Path folder = PluginFolder.besideJarOf(Test.class);

        assertThat(folder.getFileName()).hasToString(PluginFolder.DEFAULT_NAME);
        try (var beside = Files.list(folder.getParent())) {
            assertThat(beside.map(path -> path.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("junit-jupiter-api-") && name.endsWith(".jar"));
        }
    }

    @Test
    void the_default_folder_of_a_class_from_nowhere_is_in_the_working_directory() {
        assertThat(PluginFolder.besideJarOf(String.class)).isEqualTo(Path.of("plugins").toAbsolutePath());
    }

    private static PluginSettings hostSetting(String pluginsFolder) {
        return PluginSettings.of(Map.of("Host", Map.of("PluginsFolder", pluginsFolder)), Map.of());
    }
}
