package eu.interlink.jvm.host;

import static eu.interlink.jvm.host.testing.TestSettings.listening;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.interlink.jvm.api.accelerator.AcceleratorProvider;
import eu.interlink.jvm.host.config.ListenAddress;
import eu.interlink.jvm.host.metrics.PluginMetrics;
import eu.interlink.jvm.host.plugins.PluginFolder;
import eu.interlink.jvm.host.plugins.PluginJars;
import eu.interlink.jvm.host.testing.Client;
import eu.interlink.jvm.host.testing.ServiceJar;
import eu.interlink.jvm.host.testing.TestProviders;
import eu.interlink.jvm.host.testing.TestRuntime;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.io.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the host listens, and what it leaves behind and closes when it stops. */
class PluginHostTest {

    private static final String SERVICES_FILE = ServiceJar.servicesFile(AcceleratorProvider.class);

    private final TestRuntime runtime = new TestRuntime();

    @TempDir
    Path directory;

    @Test
    void answers_the_ping_over_a_private_unix_socket_and_removes_it_on_close() throws Exception {
        Path socket = directory.resolve("plugin.sock");

        try (PluginHost host = PluginHost.start(listening(new ListenAddress.UnixSocket(socket)), runtime,
                PluginMetrics.open());
             Client client = new Client(URI.create("http://localhost"))) {
            assertThat(host.uri()).isEqualTo(URI.create("unix://" + socket));
            assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

            ContentResponse ping = Client.send(client.request("GET", "/status", "[]").transport(new Transport.TCPUnix(socket)));

            assertThat(ping.getStatus()).isEqualTo(200);
            assertThat(ping.getContentAsString()).isEqualTo("{\"status\":\"ok\"}");
        }
        assertThat(socket).doesNotExist();
        assertThat(runtime.closed).isTrue();
    }

    @Test
    void replaces_a_stale_socket_file() throws Exception {
        Path socket = directory.resolve("plugin.sock");
        try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            crashed.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(socket).exists();

        try (PluginHost host = PluginHost.start(listening(new ListenAddress.UnixSocket(socket)), runtime,
                PluginMetrics.open());
             Client client = new Client(URI.create("http://localhost"))) {
            assertThat(host.uri()).isEqualTo(URI.create("unix://" + socket));
            assertThat(Client.send(client.request("GET", "/healthz", null).transport(new Transport.TCPUnix(socket)))
                    .getStatus()).isEqualTo(200);
        }
    }

    @Test
    void refuses_a_socket_path_that_is_a_regular_file_and_leaves_it_alone() throws IOException {
        Path file = Files.writeString(directory.resolve("plugin.sock"), "precious");

        assertThatThrownBy(() -> PluginHost.start(listening(new ListenAddress.UnixSocket(file)), runtime,
                PluginMetrics.open()))
                .isInstanceOf(HostStartException.class)
                .hasMessage("cannot listen on unix://" + file + ": it is a regular file, not a socket;"
                        + " remove it or set Socket to another path");
        assertThat(file).hasContent("precious");
        assertThat(runtime.closed).isTrue();
    }

    @Test
    void refuses_a_socket_path_that_is_a_directory() {
        assertThatThrownBy(() -> PluginHost.start(listening(new ListenAddress.UnixSocket(directory)), runtime,
                PluginMetrics.open()))
                .isInstanceOf(HostStartException.class)
                .hasMessageContaining("it is a directory, not a socket");
        assertThat(directory).isDirectory();
    }

    @Test
    void refuses_a_socket_another_plugin_listens_on() {
        Path socket = directory.resolve("plugin.sock");
        try (PluginHost first = PluginHost.start(listening(new ListenAddress.UnixSocket(socket)), new TestRuntime(),
                PluginMetrics.open())) {
            assertThat(first.uri().getPath()).isEqualTo(socket.toString());
            assertThatThrownBy(() -> PluginHost.start(listening(new ListenAddress.UnixSocket(socket)), runtime,
                    PluginMetrics.open()))
                    .isInstanceOf(HostStartException.class)
                    .hasMessage("cannot listen on unix://" + socket + ": another process is listening on it");
            assertThat(socket).exists();
        }
    }

    @Test
    void says_where_it_cannot_listen_when_the_port_is_taken_and_closes_the_runtime() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ListenAddress.Tcp address = new ListenAddress.Tcp("127.0.0.1", taken.getLocalPort());

            assertThatThrownBy(() -> PluginHost.start(listening(address), runtime, PluginMetrics.open()))
                    .isInstanceOf(HostStartException.class)
                    .hasMessageStartingWith("cannot listen on http://127.0.0.1:" + taken.getLocalPort() + ": ")
                    .hasMessageContaining("in use");
        }
        assertThat(runtime.closed).isTrue();
    }

    @Test
    void listens_on_the_loopback_with_the_actual_port_and_closes_once() throws Exception {
        PluginHost host = PluginHost.start(listening(new ListenAddress.Tcp("127.0.0.1", 0)), runtime,
                PluginMetrics.open());
        try (Client client = new Client(host.uri())) {
            assertThat(host.uri().getHost()).isEqualTo("127.0.0.1");
            assertThat(host.uri().getPort()).isPositive();
            assertThat(client.send("GET", "/healthz", null).getStatus()).isEqualTo(200);
        }

        host.close();
        host.close();

        assertThat(runtime.closed).isTrue();
    }

    @Test
    void closes_the_plugin_jars_after_the_runtime() throws Exception {
        PluginJars plugins = pluginJars();
        PluginHost host = PluginHost.start(listening(new ListenAddress.Tcp("127.0.0.1", 0)), runtime,
                PluginMetrics.open(), plugins);
        assertThat(plugins.classLoader().getResource(SERVICES_FILE)).isNotNull();

        host.close();

        assertThat(runtime.closed).isTrue();
        assertThat(plugins.classLoader().getResource(SERVICES_FILE)).isNull();
    }

    @Test
    void closes_the_plugin_jars_when_it_cannot_listen() throws IOException {
        PluginJars plugins = pluginJars();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ListenAddress.Tcp address = new ListenAddress.Tcp("127.0.0.1", taken.getLocalPort());

            assertThatThrownBy(() -> PluginHost.start(listening(address), runtime, PluginMetrics.open(), plugins))
                    .isInstanceOf(HostStartException.class);
        }
        assertThat(plugins.classLoader().getResource(SERVICES_FILE)).isNull();
    }

    private PluginJars pluginJars() throws IOException {
        Path folder = Files.createDirectory(directory.resolve(PluginFolder.DEFAULT_NAME));
        ServiceJar.write(folder.resolve("gpu.jar"), AcceleratorProvider.class, TestProviders.Gpu.class);
        return PluginJars.open(new PluginFolder(folder, true), PluginHostTest.class.getClassLoader());
    }
}
