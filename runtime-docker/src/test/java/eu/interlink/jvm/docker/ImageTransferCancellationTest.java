package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.PodStatus;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A delete stops an image transfer under way: the pod is gone within seconds, not when the transfer ends. */
class ImageTransferCancellationTest {

    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    @RegisterExtension
    static final SharedRuntime shared = new SharedRuntime(RuntimeFixture::open);

    @Test
    void aDeleteStopsAPullUnderWay() throws IOException {
        try (SilentRegistry registry = new SilentRegistry()) {
            // The engine gives up on a registry that does not answer the TLS handshake after 10 s.
            String image = shared.fixture().bridgeGateway() + ":" + registry.port() + "/never:1";
            Pod pod = pod("pulling", new ContainerBuilder().withName("main").withImage(image).build());
            CreateResponse created = shared.fixture().create(pod);
            shared.fixture().awaitStatus(pod, status -> waitingMessage(status).equals("pulling image " + image));
            await().atMost(Duration.ofSeconds(30)).until(() -> registry.connections() > 0);

            long deleting = System.nanoTime();
            shared.fixture().runtime.delete(pod);

            shared.fixture().awaitNothingLeftOf(pod, created.podJid());
            assertThat(Duration.ofNanos(System.nanoTime() - deleting)).isLessThan(PROMPTLY);
        }
    }

    @Test
    void aDeleteStopsAMoveFromTheHostUnderWay() throws IOException {
        String image = "interlink-jvm/large-test:local";
        buildLargeImage(image);
        try {
            Pod pod = pod("moving", new ContainerBuilder().withName("main").withImage(image).withCommand("true").build());
            CreateResponse created = shared.fixture().create(pod);
            shared.fixture().awaitStatus(pod, status -> waitingMessage(status).equals("moving image " + image + " from the host"));
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                    .until(() -> waitingMessage(shared.fixture().status(pod)).startsWith("moving image"));

            long deleting = System.nanoTime();
            shared.fixture().runtime.delete(pod);

            shared.fixture().awaitNothingLeftOf(pod, created.podJid());
            assertThat(Duration.ofNanos(System.nanoTime() - deleting)).isLessThan(PROMPTLY);
        } finally {
            shared.fixture().docker.listImagesCmd().withLabelFilter(shared.fixture().ownLabels()).exec()
                    .forEach(built -> shared.fixture().docker.removeImageCmd(built.getId()).withForce(true).exec());
        }
    }

    /** An image of 600 MB, which takes seconds to move into a sandbox. */
    private static void buildLargeImage(String tag) throws IOException {
        Path context = Files.createTempDirectory("ilj-large-image");
        try {
            Files.writeString(context.resolve("Dockerfile"), "FROM " + RuntimeFixture.BUSYBOX + "\n"
                    + "RUN head -c 600000000 /dev/zero > /payload\n");
            shared.fixture().docker.buildImageCmd(context.toFile()).withTags(Set.of(tag))
                    .withLabels(shared.fixture().ownLabels())
                    .exec(new BuildImageResultCallback()).awaitImageId();
        } finally {
            Files.delete(context.resolve("Dockerfile"));
            Files.delete(context);
        }
    }

    private static String waitingMessage(PodStatus status) {
        ContainerStateWaiting waiting = status.containers().get(0).getState().getWaiting();
        return waiting == null || waiting.getMessage() == null ? "" : waiting.getMessage();
    }

    /** A registry that accepts connections and never answers. */
    private static final class SilentRegistry implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0);
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();
        private final Thread acceptor = new Thread(this::accept, "silent-registry");

        SilentRegistry() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int connections() {
            return accepted.size();
        }

        private void accept() {
            try {
                while (true) {
                    accepted.add(server.accept());
                }
            } catch (IOException e) {
                // Closed: the test is over.
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }
}
