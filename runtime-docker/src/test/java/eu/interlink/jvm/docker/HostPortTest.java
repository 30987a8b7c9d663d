package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.interlink.jvm.api.wire.PodStatus;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code ports[].hostPort}: the pod's port published on the host, as kubelet's hostport plugin does. */
class HostPortTest {

    @RegisterExtension
    static final SharedRuntime shared = new SharedRuntime(() -> RuntimeFixture.open(1, java.util.Map.of()));

    @Test
    void aPodWithAHostPortIsReachableFromTheHostAtThatPortAndASecondPodAskingForItFailsSayingWhy() throws IOException {
        int hostPort = freePort();
        Pod web = webServer("web", hostPort);

        shared.fixture().create(web);

        shared.fixture().awaitStatus(web, status -> status.containers().get(0).getState().getRunning() != null);
        String answer = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> get(hostPort), text -> text.contains("hello from the pod"));
        assertThat(answer).startsWith("HTTP/1.").contains("hello from the pod");

        Pod second = webServer("web-again", hostPort);
        shared.fixture().create(second);

        PodStatus failed = await().atMost(RuntimeFixture.SANDBOX_TIME).pollInterval(Duration.ofMillis(200))
                .until(() -> shared.fixture().status(second),
                        status -> status.containers().get(0).getState().getTerminated() != null);
        ContainerStateTerminated reason = failed.containers().get(0).getState().getTerminated();
        assertThat(reason.getReason()).isEqualTo("CreatePodSandboxError");
        assertThat(reason.getMessage()).contains("host port " + hostPort + "/tcp")
                .contains("spec.containers[httpd].ports[http].hostPort").contains("already in use on this node");
    }

    private static Pod webServer(String name, int hostPort) {
        return pod(name, new ContainerBuilder(shell("httpd",
                "mkdir -p /www && echo hello from the pod > /www/index.html && exec httpd -f -p 8080 -h /www"))
                .addNewPort().withName("http").withContainerPort(8080).withHostPort(hostPort).endPort().build());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String get(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("GET /index.html HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
