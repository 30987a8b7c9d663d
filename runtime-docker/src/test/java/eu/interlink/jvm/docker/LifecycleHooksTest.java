package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.LogOptions;
import eu.interlink.jvm.api.wire.PodStatus;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.LifecycleHandlerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Containers' {@code postStart} and {@code preStop} hooks run as kubelet runs them: postStart right after the start
 * (a failed one kills the container, reported as {@code PostStartHookError}); preStop before the container is asked
 * to stop, on a delete and before a kill for a failed probe, within the grace period. What a hook does inside the
 * sandbox is told to a listener of the test's own on the host, which outlives the sandbox.
 */
class LifecycleHooksTest {

    @RegisterExtension
    static final SharedRuntime shared = new SharedRuntime(RuntimeFixture::open);

    @Test
    void aPostStartHookRunsRightAfterTheStartAndWritesAFileTheMainProcessReads() throws IOException {
        Pod pod = pod("greeted", new ContainerBuilder(
                shell("main", "while [ ! -f /tmp/hello ]; do sleep 0.1; done; cat /tmp/hello; exec sleep 3600"))
                .withNewLifecycle().withPostStart(exec("sh", "-c", "echo written by postStart > /tmp/hello"))
                .endLifecycle().build());
        shared.fixture().create(pod);

        ContainerStatus main = main(shared.fixture().awaitStatus(pod, status -> main(status).getReady()));

        assertThat(main.getState().getRunning()).isNotNull();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(shared.fixture().logs(pod, "main", LogOptions.DEFAULTS)).isEqualTo("written by postStart\n"));
        shared.fixture().runtime.delete(pod);
    }

    @Test
    void aFailingPostStartHookKillsTheContainerWhichIsReportedWithPostStartHookError() {
        Pod pod = pod("broken-hook", new ContainerBuilder(shell("main", "exec sleep 3600"))
                .withNewLifecycle().withPostStart(exec("sh", "-c", "echo no luck >&2; exit 3")).endLifecycle().build());
        shared.fixture().create(pod);

        ContainerStatus main = main(shared.fixture().awaitStatus(pod, status -> terminated(main(status)) != null));

        assertThat(terminated(main).getReason()).isEqualTo("PostStartHookError");
        assertThat(terminated(main).getMessage())
                .isEqualTo("PostStart hook failed: exec sh -c echo no luck >&2; exit 3 exited with code 3: no luck");
        assertThat(main.getReady()).isFalse();
    }

    @Test
    void aPreStopHookRunsOnDeleteBeforeTheContainerGetsSigterm() throws IOException {
        try (Listener listener = new Listener()) {
            String tell = "nc " + shared.fixture().bridgeGateway() + " " + listener.port();
            Pod pod = withGrace(10, pod("polite", new ContainerBuilder(
                    shell("main", "trap 'echo TERM | " + tell + "; exit 0' TERM; while true; do sleep 0.1; done"))
                    .withNewLifecycle().withPreStop(exec("sh", "-c", "echo preStop | " + tell)).endLifecycle().build()));
            CreateResponse created = shared.fixture().create(pod);
            shared.fixture().awaitStatus(pod, status -> main(status).getReady());

            shared.fixture().runtime.delete(pod);

            await().atMost(Duration.ofSeconds(30)).until(() -> listener.lines().size() >= 2);
            assertThat(listener.lines()).containsExactly("preStop", "TERM");
            shared.fixture().awaitNothingLeftOf(pod, created.podJid());
        }
    }

    @Test
    void aPreStopHttpGetHookCallsTheHostItNamesOnDelete() throws IOException {
        try (Listener listener = new Listener()) {
            Pod pod = pod("announced", new ContainerBuilder(shell("main", "exec sleep 3600"))
                    .withNewLifecycle().withNewPreStop().withNewHttpGet().withHost(shared.fixture().bridgeGateway())
                    .withPort(new IntOrString(listener.port())).withPath("/goodbye").endHttpGet().endPreStop()
                    .endLifecycle().build());
            CreateResponse created = shared.fixture().create(pod);
            shared.fixture().awaitStatus(pod, status -> main(status).getReady());

            shared.fixture().runtime.delete(pod);

            await().atMost(Duration.ofSeconds(30)).until(() -> !listener.lines().isEmpty());
            assertThat(listener.lines()).containsExactly("GET /goodbye HTTP/1.1");
            shared.fixture().awaitNothingLeftOf(pod, created.podJid());
        }
    }

    @Test
    void aPreStopHookThatOutlastsTheGracePeriodIsCutShortAndThePodIsRemovedAllTheSame() {
        Pod pod = withGrace(2, pod("stubborn", new ContainerBuilder(shell("main", "exec sleep 3600"))
                .withNewLifecycle().withPreStop(exec("sleep", "3600")).endLifecycle().build()));
        CreateResponse created = shared.fixture().create(pod);
        shared.fixture().awaitStatus(pod, status -> main(status).getReady());

        long deleting = System.nanoTime();
        shared.fixture().runtime.delete(pod);
        shared.fixture().awaitNothingLeftOf(pod, created.podJid());

        assertThat(Duration.ofNanos(System.nanoTime() - deleting)).as("the hook's hour is cut to the 2 s grace period")
                .isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void aContainerKilledForItsLivenessProbeRunsItsPreStopHookFirst() throws IOException {
        try (Listener listener = new Listener()) {
            String tell = "nc " + shared.fixture().bridgeGateway() + " " + listener.port();
            Pod pod = pod("unhealthy", new ContainerBuilder(shell("main", "exec sleep 3600"))
                    .withNewLivenessProbe().withNewExec().withCommand("false").endExec().withPeriodSeconds(1)
                    .withFailureThreshold(1).endLivenessProbe()
                    .withNewLifecycle().withPreStop(exec("sh", "-c", "echo preStop | " + tell)).endLifecycle().build());
            shared.fixture().create(pod);

            ContainerStatus main = main(shared.fixture().awaitStatus(pod, status -> terminated(main(status)) != null));

            assertThat(terminated(main).getMessage()).startsWith("Liveness probe failed: exec false exited with code 1");
            assertThat(listener.lines()).containsExactly("preStop");
            shared.fixture().runtime.delete(pod);
        }
    }

    private static LifecycleHandler exec(String... command) {
        return new LifecycleHandlerBuilder().withNewExec().withCommand(command).endExec().build();
    }

    private static Pod withGrace(long seconds, Pod pod) {
        return new PodBuilder(pod).editSpec().withTerminationGracePeriodSeconds(seconds).endSpec().build();
    }

    private static ContainerStatus main(PodStatus status) {
        return status.containers().get(0);
    }

    private static ContainerStateTerminated terminated(ContainerStatus status) {
        return status.getState().getTerminated();
    }

    /**
     * A TCP listener on the host that keeps the first line of each connection, in the order they come, and answers an
     * HTTP request with {@code 204}, so that an HTTP client has no reason to send it again.
     */
    private static final class Listener implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0);
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final Thread acceptor = new Thread(this::accept, "hook-listener");

        Listener() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        List<String> lines() {
            return List.copyOf(lines);
        }

        private void accept() {
            while (!server.isClosed()) {
                try (Socket socket = server.accept();
                        BufferedReader reader = new BufferedReader(
                                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                    String line = reader.readLine();
                    if (line == null) {
                        continue;
                    }
                    lines.add(line.strip());
                    if (line.startsWith("GET ")) {
                        String header;
                        do {
                            header = reader.readLine();
                        } while (header != null && !header.isEmpty());
                        socket.getOutputStream().write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                    }
                } catch (IOException e) {
                    // Closed: the test is over; or a client went away before it said anything.
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
