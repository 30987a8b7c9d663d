package eu.interlink.jvm.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.io.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar listening on a unix socket, as interLink's installer sets it up ({@code Socket: unix:///...}). */
class UnixSocketIT {

    @TempDir
    Path workDir;

    @Test
    void answersThePingOnAPrivateSocketAndRemovesItOnStop() throws Exception {
        Path socket = Files.createTempDirectory("ilk").resolve("plugin.sock");

        try (PluginProcess plugin = PluginProcess.start(workDir, Map.of(
                "Socket", "unix://" + socket,
                "DataRootFolder", workDir.resolve("data").toString(),
                "Docker", Map.of("DindImage", "interlink-jvm/dind:local")))) {

            assertThat(plugin.address().toString()).isEqualTo("unix://" + socket);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");

            HttpClient client = new HttpClient();
            client.start();
            try {
                ContentResponse ping = client.newRequest("http://unix/status")
                        .transport(new Transport.TCPUnix(socket))
                        .method("GET")
                        .headers(h -> h.put("InterLink-Http-Session", "Request-unix-itest"))
                        .body(new StringRequestContent("application/json", "[]"))
                        .timeout(30, TimeUnit.SECONDS)
                        .send();
                assertThat(ping.getStatus()).isEqualTo(200);
                assertThat(new ObjectMapper().readTree(ping.getContentAsString()).get("status").asText()).isEqualTo("ok");
            } finally {
                client.stop();
            }

            assertThat(plugin.stop()).isIn(0, 143);
        }
        assertThat(socket).doesNotExist();
    }

    @Test
    void replacesAStaleSocketLeftByACrashedRun() throws Exception {
        Path socket = Files.createTempDirectory("ilk").resolve("plugin.sock");
        try (ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stale.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(socket).exists();

        try (PluginProcess plugin = PluginProcess.start(workDir, Map.of(
                "Socket", "unix://" + socket,
                "DataRootFolder", workDir.resolve("data").toString()))) {
            assertThat(plugin.address().toString()).isEqualTo("unix://" + socket);
        }
    }
}
