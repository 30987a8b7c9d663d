package eu.interlink.jvm.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.interlink.jvm.api.settings.InvalidSettingException;
import eu.interlink.jvm.api.settings.PluginSettings;
import eu.interlink.jvm.host.logging.Verbosity;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The host's own settings: the Go plugin's keys, the {@code Host} section, and their defaults. */
class HostSettingsTest {

    @Test
    void defaults_to_the_loopback_on_port_4000() {
        HostSettings settings = HostSettings.from(PluginSettings.empty(), CommandLine.NONE);

        assertThat(settings.listen()).isEqualTo(new ListenAddress.Tcp("127.0.0.1", 4000));
        assertThat(settings.maxRequestBytes()).isEqualTo(16 * 1024 * 1024);
        assertThat(settings.runtime()).isEmpty();
        assertThat(settings.verbosity()).isEqualTo(Verbosity.NORMAL);
        assertThat(settings.idleTimeout()).isGreaterThan(java.time.Duration.ofSeconds(120));
    }

    @Test
    void reads_the_go_keys_and_the_host_section() {
        HostSettings settings = from("""
                SidecarPort: "4100"
                VerboseLogging: true
                Host:
                  BindAddress: 0.0.0.0
                  MaxRequestBytes: 1048576
                  PodRuntime: docker
                """, Map.of());

        assertThat(settings.listen()).isEqualTo(new ListenAddress.Tcp("0.0.0.0", 4100));
        assertThat(settings.maxRequestBytes()).isEqualTo(1048576);
        assertThat(settings.runtime()).contains("docker");
        assertThat(settings.verbosity()).isEqualTo(Verbosity.VERBOSE);
    }

    @Test
    void takes_overrides_from_the_environment() {
        HostSettings settings = from("SidecarPort: 4100\n", Map.of("SIDECARPORT", "0", "BINDADDRESS", "::1",
                "MAXREQUESTBYTES", "2048", "PODRUNTIME", "other", "ERRORSONLYLOGGING", "1"));

        assertThat(settings.listen()).isEqualTo(new ListenAddress.Tcp("::1", 0));
        assertThat(settings.maxRequestBytes()).isEqualTo(2048);
        assertThat(settings.runtime()).contains("other");
        assertThat(settings.verbosity()).isEqualTo(Verbosity.ERRORS_ONLY);
    }

    @Test
    void lets_the_go_flags_override_the_logging_keys() {
        PluginSettings file = settings("VerboseLogging: true\nErrorsOnlyLogging: false\n", Map.of());

        HostSettings settings = HostSettings.from(file, CommandLine.parse("-verbose=false", "-errorsonly"));

        assertThat(settings.verbosity()).isEqualTo(Verbosity.ERRORS_ONLY);
    }

    @Test
    void listens_on_a_unix_socket_and_ignores_the_port() {
        HostSettings settings = from("Socket: unix:///run/interlink/plugin.sock\nSidecarPort: \"0\"\n", Map.of());

        assertThat(settings.listen()).isEqualTo(new ListenAddress.UnixSocket(Path.of("/run/interlink/plugin.sock")));
    }

    @Test
    void refuses_a_socket_that_is_not_a_unix_url() {
        assertThatThrownBy(() -> from("Socket: http://localhost:4000\n", Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Socket: expected unix:///path/to/socket, or no value to listen on TCP,"
                        + " got 'http://localhost:4000'");
    }

    @Test
    void refuses_a_socket_path_longer_than_a_unix_socket_allows() {
        String path = "/tmp/" + "x".repeat(103);

        assertThatThrownBy(() -> from("Socket: unix://" + path + "\n", Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("Socket: expected a socket path of at most 107 bytes");
    }

    @Test
    void refuses_a_port_that_is_not_a_port_naming_the_key() {
        assertThatThrownBy(() -> from("SidecarPort: abc\n", Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("SidecarPort: expected an integer from 0 to 65535, got 'abc'");
        assertThatThrownBy(() -> from("", Map.of("SIDECARPORT", "70000")))
                .hasMessage("SidecarPort: expected an integer from 0 to 65535, got '70000'");
    }

    @Test
    void refuses_a_bad_limit_or_flag_naming_the_key() {
        assertThatThrownBy(() -> from("Host:\n  MaxRequestBytes: 0\n", Map.of()))
                .hasMessageStartingWith("Host.MaxRequestBytes: expected an integer from 1 to ");
        assertThatThrownBy(() -> from("VerboseLogging: loud\n", Map.of()))
                .hasMessage("VerboseLogging: expected true or false (or 1 or 0), got 'loud'");
        assertThatThrownBy(() -> from("Host: yes\n", Map.of()))
                .hasMessage("Host: expected a mapping of settings, got 'true'");
    }

    private static HostSettings from(String yaml, Map<String, String> environment) {
        return HostSettings.from(settings(yaml, environment), CommandLine.NONE);
    }

    private static PluginSettings settings(String yaml, Map<String, String> environment) {
        Map<String, Object> values = new Yaml().load(yaml);
        return PluginSettings.of(values == null ? Map.of() : values, environment);
    }
}
