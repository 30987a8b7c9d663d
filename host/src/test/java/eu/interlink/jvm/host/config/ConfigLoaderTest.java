package eu.interlink.jvm.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which configuration file is read, and how a file that cannot be used stops the start. */
class ConfigLoaderTest {

    @TempDir
    Path directory;

    @Test
    void reads_the_file_given_with_the_flag() throws IOException {
        Path file = yaml("flag.yaml", "SidecarPort: \"4100\"\nDataRootFolder: /tmp/il\n");

        LoadedConfig config = loader(Map.of()).load(Optional.of(file));

        assertThat(config.source()).contains(file);
        assertThat(config.settings().text("SidecarPort")).contains("4100");
        assertThat(config.settings().text("DataRootFolder")).contains("/tmp/il");
    }

    @Test
    void reads_the_file_named_by_interlinkconfigpath_when_no_flag_is_given() throws IOException {
        Path file = yaml("env.yaml", "SidecarPort: 4200\n");

        LoadedConfig config = loader(Map.of("INTERLINKCONFIGPATH", file.toString())).load(Optional.empty());

        assertThat(config.source()).contains(file);
        assertThat(config.settings().integer("SidecarPort", 0, 0, 65535)).isEqualTo(4200);
    }

    @Test
    void prefers_the_flag_over_the_environment() throws IOException {
        Path flag = yaml("flag.yaml", "SidecarPort: 4100\n");
        Path env = yaml("env.yaml", "SidecarPort: 4200\n");

        LoadedConfig config = loader(Map.of("INTERLINKCONFIGPATH", env.toString())).load(Optional.of(flag));

        assertThat(config.source()).contains(flag);
    }

    @Test
    void reads_the_default_file_when_it_exists() throws IOException {
        Path file = yaml("InterLinkConfig.yaml", "SidecarPort: 4300\n");

        LoadedConfig config = new ConfigLoader(Map.of(), file).load(Optional.empty());

        assertThat(config.source()).contains(file);
    }

    @Test
    void uses_the_defaults_and_the_environment_when_no_file_exists() {
        LoadedConfig config = new ConfigLoader(Map.of("SIDECARPORT", "4400"), directory.resolve("absent.yaml"))
                .load(Optional.empty());

        assertThat(config.source()).isEmpty();
        assertThat(config.settings().text("SidecarPort")).contains("4400");
    }

    @Test
    void lets_the_environment_override_the_file() throws IOException {
        Path file = yaml("c.yaml", "SidecarPort: 4100\nHost:\n  BindAddress: 0.0.0.0\n");

        LoadedConfig config = loader(Map.of("SIDECARPORT", "4500", "BINDADDRESS", "::1")).load(Optional.of(file));

        assertThat(config.settings().text("SidecarPort")).contains("4500");
        assertThat(config.settings().section("Host").text("BindAddress")).contains("::1");
    }

    @Test
    void reads_an_empty_file_as_no_settings() throws IOException {
        Path file = yaml("empty.yaml", "");

        assertThat(loader(Map.of()).load(Optional.of(file)).settings().text("SidecarPort")).isEmpty();
    }

    @Test
    void stops_when_the_given_file_does_not_exist() {
        Path missing = directory.resolve("missing.yaml");

        assertThatThrownBy(() -> loader(Map.of()).load(Optional.of(missing)))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void stops_when_the_file_named_by_the_environment_does_not_exist() {
        Path missing = directory.resolve("missing.yaml");

        assertThatThrownBy(() -> loader(Map.of("INTERLINKCONFIGPATH", missing.toString())).load(Optional.empty()))
                .hasMessage(missing + ": no such file");
    }

    @Test
    void stops_when_the_given_path_is_a_directory() {
        assertThatThrownBy(() -> loader(Map.of()).load(Optional.of(directory)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(directory + ": cannot be read: ");
    }

    @Test
    void stops_with_the_place_of_a_yaml_error() throws IOException {
        Path file = yaml("bad.yaml", "SidecarPort: 4000\nSocket: [unclosed\n");

        assertThatThrownBy(() -> loader(Map.of()).load(Optional.of(file)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": not valid YAML: ")
                .hasMessageContaining(" at line 3, column 1")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void stops_when_the_top_level_is_not_a_mapping() throws IOException {
        Path file = yaml("list.yaml", "- SidecarPort: 4000\n");

        assertThatThrownBy(() -> loader(Map.of()).load(Optional.of(file)))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": expected a mapping of settings at the top level, found a list");
    }

    private ConfigLoader loader(Map<String, String> environment) {
        return new ConfigLoader(environment, directory.resolve("no-default.yaml"));
    }

    private Path yaml(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content);
    }
}
