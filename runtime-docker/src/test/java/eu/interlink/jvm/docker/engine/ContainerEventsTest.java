package eu.interlink.jvm.docker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.net.URI;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A container event stream on the host's real engine, and on an engine that answers only after a while. */
class ContainerEventsTest {

    private static final String IMAGE = "interlink-jvm/busybox:local";
    private static final Backoff QUICK = new Backoff(Duration.ofMillis(100), Duration.ofMillis(400));

    private final String label = "eu.interlink.jvm.test-events";
    private final String run = UUID.randomUUID().toString();
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor();
    private final TestEngines testEngines = new TestEngines(Duration.ofSeconds(10));
    private final EngineFactory engines = testEngines.factory();
    private final DockerClient docker = DockerClientImpl.getInstance(
            DefaultDockerClientConfig.createDefaultConfigBuilder().build(),
            new ZerodepDockerHttpClient.Builder()
                    .dockerHost(DefaultDockerClientConfig.createDefaultConfigBuilder().build().getDockerHost()).build());
    private final Heard heard = new Heard();

    @AfterEach
    void stop() throws IOException {
        docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(label, run)).exec()
                .forEach(container -> docker.removeContainerCmd(container.getId()).withForce(true).exec());
        docker.close();
        background.shutdownNow();
        testEngines.close();
    }

    @Test
    void tellsTheIdOfEachContainerWithTheLabelsThatStartsAndStopsAndNoOther() {
        try (Engine host = engines.host();
                ContainerEvents events = new ContainerEvents(host, Map.of(label, run), heard, background, QUICK)) {
            events.open();
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.connections.get() == 1);

            String other = docker.createContainerCmd(IMAGE).withCmd("true")
                    .withLabels(Map.of(label, "another run")).exec().getId();
            docker.removeContainerCmd(other).withForce(true).exec();
            String ours = docker.createContainerCmd(IMAGE).withCmd("true").withLabels(Map.of(label, run)).exec().getId();
            docker.startContainerCmd(ours).exec();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(heard.changes).contains(ours));
            assertThat(heard.changes).containsOnly(ours);
            assertThat(heard.disconnections).isEmpty();
        }
    }

    @Test
    void anEngineThatDoesNotAnswerIsTriedAgainAfterLongerPausesUntilItDoes(@TempDir Path folder) throws IOException {
        Path socket = folder.resolve("docker.sock");
        try (Engine late = engines.unixSocket(socket);
                ContainerEvents events = new ContainerEvents(late, Map.of(label, run), heard, background, QUICK)) {
            events.open();
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.disconnections.size() >= 4);
            assertThat(heard.disconnections.subList(0, 4)).containsExactly(Duration.ofMillis(100),
                    Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(400));
            assertThat(heard.connections).hasValue(0);

            Files.createSymbolicLink(socket, hostSocket());

            await().atMost(Duration.ofSeconds(10)).until(() -> heard.connections.get() == 1);
            String ours = docker.createContainerCmd(IMAGE).withCmd("true").withLabels(Map.of(label, run)).exec().getId();
            docker.startContainerCmd(ours).exec();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(heard.changes).contains(ours));
        }
    }

    @Test
    void anEngineThatTakesTheConnectionButNeverAnswersEndsTheStreamWithinTheTimeoutAndIsTriedAgain(@TempDir Path folder)
            throws IOException {
        Path socket = folder.resolve("docker.sock");
        List<SocketChannel> held = new CopyOnWriteArrayList<>();
        try (ServerSocketChannel frozen = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                TestEngines quick = new TestEngines(Duration.ofMillis(500))) {
            frozen.bind(UnixDomainSocketAddress.of(socket));
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(frozen.accept());
                    }
                } catch (IOException e) {
                    // The test is over: the server socket was closed.
                }
            }, "test-frozen-engine");
            acceptor.start();
            try (Engine silent = quick.factory().unixSocket(socket);
                    ContainerEvents events = new ContainerEvents(silent, Map.of(label, run), heard, background, QUICK)) {
                events.open();

                await().atMost(Duration.ofSeconds(10)).until(() -> heard.disconnections.size() >= 2);
                assertThat(heard.connections).hasValue(0);
                assertThat(held).hasSizeGreaterThanOrEqualTo(2);
            }
        } finally {
            for (SocketChannel channel : held) {
                channel.close();
            }
        }
    }

    private static Path hostSocket() {
        URI host = DefaultDockerClientConfig.createDefaultConfigBuilder().build().getDockerHost();
        assertThat(host.getScheme()).as("this test needs the host engine on a unix socket").isEqualTo("unix");
        return Path.of(host.getPath());
    }

    /** What the stream told. */
    private static final class Heard implements ContainerEvents.Listener {

        final AtomicInteger connections = new AtomicInteger();
        final List<String> changes = new CopyOnWriteArrayList<>();
        final List<Duration> disconnections = new CopyOnWriteArrayList<>();

        @Override
        public void connected() {
            connections.incrementAndGet();
        }

        @Override
        public void changed(String containerId, Map<String, String> attributes) {
            changes.add(containerId);
        }

        @Override
        public void disconnected(String why, Duration retryIn) {
            disconnections.add(retryIn);
        }
    }
}
