package eu.interlink.jvm.host.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading a plugin URL as interLink's {@code SidecarURL} names it, and refusing what is not one. */
class PluginAddressTest {

    @Test
    void reads_an_http_url_and_gives_it_back() {
        PluginAddress address = PluginAddress.parse("http://127.0.0.1:4000");

        assertThat(address).isEqualTo(new PluginAddress.Tcp(false, "127.0.0.1", 4000));
        assertThat(address).hasToString("http://127.0.0.1:4000");
        assertThat(address.httpBase()).isEqualTo(URI.create("http://127.0.0.1:4000"));
    }

    @Test
    void accepts_a_trailing_slash_and_an_upper_case_scheme() {
        assertThat(PluginAddress.parse("HTTP://plugin.example:4000/")).hasToString("http://plugin.example:4000");
    }

    @Test
    void reads_https_and_an_ipv6_address() {
        PluginAddress address = PluginAddress.parse("https://[::1]:8443");

        assertThat(address).isEqualTo(new PluginAddress.Tcp(true, "[::1]", 8443));
        assertThat(address).hasToString("https://[::1]:8443");
    }

    @Test
    void reads_a_unix_socket_whose_requests_go_to_host_unix() {
        PluginAddress address = PluginAddress.parse("unix:///run/interlink/plugin.sock");

        assertThat(address).isEqualTo(new PluginAddress.UnixSocket(Path.of("/run/interlink/plugin.sock")));
        assertThat(address).hasToString("unix:///run/interlink/plugin.sock");
        assertThat(address.httpBase()).isEqualTo(URI.create("http://unix"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "localhost:4000           | plugin URL 'localhost:4000' has no scheme: " + PluginAddress.EXPECTED,
        "ftp://host:21            | plugin URL 'ftp://host:21' has the scheme ftp: " + PluginAddress.EXPECTED,
        "http://localhost         | plugin URL 'http://localhost' has no port, as in http://localhost:4000",
        "http:///                 | plugin URL 'http:///' has no host: " + PluginAddress.EXPECTED,
        "http://:4000             | plugin URL 'http://:4000' is malformed: Expected hostname at index 7",
        "http://host:port         | plugin URL 'http://host:port' is malformed: Illegal character in port number at index 12",
        "http://host:70000        | plugin URL 'http://host:70000' has a port out of range: 70000",
        "http://me@host:4000      | plugin URL 'http://me@host:4000' has user info, which the plugin API does not use",
        "http://host:4000/api     | plugin URL 'http://host:4000/api' has something after the port: a plugin serves its API at the root",
        "http://host:4000?x=1     | plugin URL 'http://host:4000?x=1' has something after the port: a plugin serves its API at the root",
        "unix://run/plugin.sock   | plugin URL 'unix://run/plugin.sock' has no absolute socket path, as in unix:///run/interlink/plugin.sock",
        "unix://                  | plugin URL 'unix://' has no absolute socket path, as in unix:///run/interlink/plugin.sock",
    })
    void refuses_what_is_not_a_plugin_url_with_one_line_naming_the_problem(String url, String message) {
        assertThatThrownBy(() -> PluginAddress.parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
