package eu.interlink.jvm.host.http;

import static eu.interlink.jvm.host.testing.Pods.logRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.interlink.jvm.host.PluginHost;
import eu.interlink.jvm.host.metrics.PluginMetrics;
import eu.interlink.jvm.host.testing.Client;
import eu.interlink.jvm.host.testing.StreamingResponse;
import eu.interlink.jvm.host.testing.TestRuntime;
import eu.interlink.jvm.host.testing.TestSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.client.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /getLogs} with {@code Follow}: headers at once, each flush delivered at once, a quiet container not cut
 * by the idle timeout, and a client that goes away stopping the runtime.
 */
class LogStreamingTest {

    private static final Duration IDLE_TIMEOUT = Duration.ofMillis(300);

    private final TestRuntime runtime = new TestRuntime();
    private final CountDownLatch release = new CountDownLatch(1);
    private PluginHost host;
    private Client client;

    @BeforeEach
    void start() {
        host = PluginHost.start(TestSettings.loopback(64 * 1024, IDLE_TIMEOUT), runtime, PluginMetrics.open());
        client = new Client(host.uri());
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        client.close();
        host.close();
    }

    @Test
    void sends_the_headers_before_any_line_exists() {
        runtime.logs = request -> out -> {
            awaitRelease();
            write(out, "late line\n");
        };

        StreamingResponse response = follow();

        await().atMost(Duration.ofSeconds(5)).until(() -> response.headers() != null);
        assertThat(response.headers().getStatus()).isEqualTo(200);
        assertThat(response.headers().getHeaders().get("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(response.content()).isEmpty();

        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> response.result() != null);
        assertThat(response.result().isSucceeded()).isTrue();
        assertThat(response.content()).isEqualTo("late line\n");
    }

    @Test
    void delivers_each_flushed_chunk_while_the_runtime_still_runs_and_ends_when_it_returns() {
        runtime.logs = request -> out -> {
            write(out, "line 1\n");
            awaitRelease();
            write(out, "line 2\n");
        };

        StreamingResponse response = follow();

        await().atMost(Duration.ofSeconds(5)).until(() -> response.content().equals("line 1\n"));
        assertThat(response.result()).isNull();

        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> response.result() != null);
        assertThat(response.result().isSucceeded()).isTrue();
        assertThat(response.content()).isEqualTo("line 1\nline 2\n");
    }

    @Test
    void keeps_a_quiet_stream_open_longer_than_the_idle_timeout() {
        runtime.logs = request -> out -> {
            write(out, "before\n");
            awaitRelease();
            write(out, "after\n");
        };

        StreamingResponse response = follow();

        await().atMost(Duration.ofSeconds(5)).until(() -> response.content().equals("before\n"));
        await().during(IDLE_TIMEOUT.multipliedBy(4)).atMost(IDLE_TIMEOUT.multipliedBy(6))
                .until(() -> response.result() == null);

        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> response.result() != null);
        assertThat(response.result().isSucceeded()).isTrue();
        assertThat(response.content()).isEqualTo("before\nafter\n");
    }

    @Test
    void fails_the_runtimes_writes_once_the_client_goes_away() {
        AtomicReference<IOException> writeFailure = new AtomicReference<>();
        runtime.logs = request -> out -> {
            try {
                while (true) {
                    write(out, "spam spam spam spam spam spam spam spam spam spam spam spam spam spam spam\n");
                }
            } catch (IOException e) {
                writeFailure.set(e);
                throw e;
            }
        };
        StreamingResponse response = new StreamingResponse();
        Request request = client.request("GET", "/getLogs", logRequest("uid-1", true)).onResponseListener(response);
        request.send(result -> { });
        await().atMost(Duration.ofSeconds(5)).until(() -> response.content().contains("spam"));

        request.abort(new IOException("kubectl logs -f was interrupted"));

        await().atMost(Duration.ofSeconds(10)).until(() -> writeFailure.get() != null);
        assertThat(client.send("GET", "/healthz", null).getStatus()).isEqualTo(200);
    }

    private StreamingResponse follow() {
        StreamingResponse response = new StreamingResponse();
        client.request("GET", "/getLogs", logRequest("uid-1", true)).timeout(30, java.util.concurrent.TimeUnit.SECONDS)
                .send(response);
        return response;
    }

    private void awaitRelease() throws IOException {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void write(java.io.OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
