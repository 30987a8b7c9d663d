package eu.interlink.jvm.host.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.api.runtime.PodNotFoundException;
import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.LogRequest;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import eu.interlink.jvm.api.wire.WireFormat;
import eu.interlink.jvm.host.PluginHost;
import eu.interlink.jvm.host.config.ListenAddress;
import eu.interlink.jvm.host.metrics.PluginMetrics;
import eu.interlink.jvm.host.testing.Pods;
import eu.interlink.jvm.host.testing.TestRuntime;
import eu.interlink.jvm.host.testing.TestSettings;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PluginClient} against a real {@link PluginHost} with a test runtime behind it: what the client sends is what
 * the runtime gets, and what the runtime answers is what the client returns. Run over TCP and over a unix socket.
 */
abstract class PluginClientContract {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final WireFormat wire = new WireFormat();
    private final CountDownLatch release = new CountDownLatch(1);
    protected final TestRuntime runtime = new TestRuntime();
    private PluginHost host;
    protected PluginClient client;

    @TempDir
    protected Path directory;

    /** Where the host listens. */
    protected abstract ListenAddress listen();

    /** An address of the same kind where nothing listens. */
    protected abstract PluginAddress nowhere() throws IOException;

    /** What the client says when nothing listens at {@link #nowhere()}. */
    protected abstract String refusal();

    @BeforeEach
    void start() {
        host = PluginHost.start(TestSettings.listening(listen()), runtime, PluginMetrics.open());
        client = PluginClient.connect(PluginAddress.parse(host.uri().toString()), Optional.empty());
    }

    @AfterEach
    void stop() {
        release.countDown();
        client.close();
        host.close();
    }

    @Test
    void create_sends_the_pod_as_the_runtime_receives_it_and_returns_its_answer() {
        RetrievedPodData data = wire.readCreateRequest(bytes(Pods.createRequest("p", "uid-1")));

        CreateResponse answer = client.create(data);

        assertThat(answer).isEqualTo(new CreateResponse("uid-1", "job-p"));
        assertThat(runtime.created).containsExactly(data);
    }

    @Test
    void status_returns_the_runtimes_status_of_the_pod() {
        ContainerStatus running = new ContainerStatusBuilder().withName("main").withImage("nginx").withReady(true)
                .withRestartCount(0).withNewState().withNewRunning().withStartedAt("2026-07-14T10:00:00Z")
                .endRunning().endState().build();
        PodStatus status = new PodStatus("p", "uid-1", "ns", "job-p", List.of(running), List.of());
        runtime.status = pod -> status;

        assertThat(client.status(pod("uid-1"))).isEqualTo(status);
    }

    @Test
    void delete_reaches_the_runtime() {
        client.delete(pod("uid-1"));

        assertThat(runtime.deleted).singleElement()
                .satisfies(pod -> assertThat(pod.getMetadata().getUid()).isEqualTo("uid-1"));
    }

    @Test
    void logs_without_follow_writes_the_whole_log() throws IOException {
        LogRequest request = logRequest(false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        client.logs(request, out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a log line\n");
        assertThat(runtime.logRequests).containsExactly(request);
    }

    @Test
    void logs_with_follow_writes_each_chunk_as_it_comes_and_returns_when_the_log_ends() {
        runtime.logs = request -> out -> {
            write(out, "line 1\n");
            awaitRelease();
            write(out, "line 2\n");
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        CompletableFuture<Void> following = CompletableFuture.runAsync(() -> logs(logRequest(true), out));

        await().atMost(WAIT).until(() -> out.toString(StandardCharsets.UTF_8).equals("line 1\n"));
        assertThat(following).isNotDone();
        release.countDown();
        await().atMost(WAIT).until(following::isDone);
        assertThat(following).isCompleted();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("line 1\nline 2\n");
    }

    @Test
    void logs_stops_and_throws_the_output_streams_failure() {
        runtime.logs = request -> out -> {
            while (true) {
                write(out, "spam\n");
            }
        };
        IOException full = new IOException("No space left on device");
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw full;
            }
        };

        assertThatThrownBy(() -> client.logs(logRequest(true), failing)).isSameAs(full);
    }

    @Test
    void a_pod_the_runtime_refuses_is_a_call_exception_with_the_status_and_the_plugins_message() {
        runtime.createFailure = new InvalidPodException("spec.containers[0].securityContext.privileged: not allowed");
        RetrievedPodData data = wire.readCreateRequest(bytes(Pods.createRequest("p", "uid-1")));

        assertThatThrownBy(() -> client.create(data))
                .isInstanceOfSatisfying(PluginCallException.class,
                        e -> assertThat(e.status()).hasValue(400))
                .hasMessageStartingWith("POST /create answered 400: ")
                .hasMessageContaining("spec.containers[0].securityContext.privileged: not allowed");
    }

    @Test
    void a_failing_runtime_is_a_call_exception_with_status_500() {
        runtime.createFailure = new IllegalStateException("secret internals");
        RetrievedPodData data = wire.readCreateRequest(bytes(Pods.createRequest("p", "uid-1")));

        assertThatThrownBy(() -> client.create(data))
                .isInstanceOfSatisfying(PluginCallException.class, e -> assertThat(e.status()).hasValue(500))
                .hasMessageStartingWith("POST /create answered 500: ")
                .hasMessageContaining("internal error in the plugin");
    }

    @Test
    void the_log_of_an_unknown_pod_is_a_call_exception_with_status_404() {
        runtime.logs = request -> {
            throw new PodNotFoundException("no pod with UID uid-1");
        };

        assertThatThrownBy(() -> client.logs(logRequest(true), new ByteArrayOutputStream()))
                .isInstanceOfSatisfying(PluginCallException.class, e -> assertThat(e.status()).hasValue(404))
                .hasMessageStartingWith("GET /getLogs answered 404: ")
                .hasMessageContaining("no pod with UID uid-1");
    }

    @Test
    void says_clearly_when_no_plugin_answers() throws IOException {
        PluginAddress nowhere = nowhere();
        try (PluginClient unanswered = PluginClient.connect(nowhere, Optional.empty())) {
            assertThatThrownBy(() -> unanswered.delete(pod("uid-1")))
                    .isInstanceOfSatisfying(PluginCallException.class, e -> assertThat(e.status()).isEmpty())
                    .hasMessage("no plugin answers at " + nowhere + ": " + refusal());
            assertThatThrownBy(() -> unanswered.logs(logRequest(true), new ByteArrayOutputStream()))
                    .hasMessage("no plugin answers at " + nowhere + ": " + refusal());
        }
    }

    @Test
    void describes_itself_by_the_url() {
        assertThat(client.description()).isEqualTo("the plugin at " + host.uri());
    }

    private Pod pod(String uid) {
        return wire.readPod(bytes(Pods.pod("p", uid)));
    }

    private LogRequest logRequest(boolean follow) {
        return wire.readLogRequest(bytes(Pods.logRequest("uid-1", follow)));
    }

    private void logs(LogRequest request, OutputStream out) {
        try {
            client.logs(request, out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitRelease() throws IOException {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
