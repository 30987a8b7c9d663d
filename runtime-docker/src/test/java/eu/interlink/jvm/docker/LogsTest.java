package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.interlink.jvm.api.runtime.PodNotFoundException;
import eu.interlink.jvm.api.wire.LogOptions;
import eu.interlink.jvm.api.wire.LogRequest;
import eu.interlink.jvm.api.wire.PodStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Container logs with Docker's own options, on one pod shared by every test. */
class LogsTest {

    private static final String LINES = "line 1\nline 2\nline 3\nline 4\nerr\n";

    private static RuntimeFixture fixture;
    private static Pod pod;

    @BeforeAll
    static void startPod() throws IOException {
        fixture = RuntimeFixture.open();
        pod = RuntimeFixture.pod("logs",
                // Docker orders stdout and stderr by when it read them: the pause keeps that order certain.
                shell("lines", "for i in 1 2 3 4; do echo line $i; done; sleep 0.3; echo err >&2"),
                shell("ticks", "sleep 1; for i in 1 2 3; do echo tick $i; sleep 0.3; done"),
                shell("forever", "while true; do echo again; sleep 0.05; done"));
        fixture.create(pod);
        fixture.awaitStatus(pod, status -> status.containers().get(0).getState().getTerminated() != null
                && status.containers().get(1).getState().getRunning() != null
                && status.containers().get(2).getState().getRunning() != null);
    }

    @AfterAll
    static void removePod() throws IOException {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void theWholeLogHasStdoutAndStderrInOrder() throws IOException {
        assertThat(logs("lines", LogOptions.DEFAULTS)).isEqualTo(LINES);
    }

    @Test
    void tailKeepsTheLastLines() throws IOException {
        assertThat(logs("lines", new LogOptions(2, 0, false, false, false, 0, null))).isEqualTo("line 4\nerr\n");
    }

    @Test
    void bytesKeepsTheFirstBytesOnly() throws IOException {
        assertThat(logs("lines", new LogOptions(0, 9, false, false, false, 0, null))).isEqualTo("line 1\nli");
    }

    @Test
    void timestampsPrefixEachLineWithItsRfc3339Time() throws IOException {
        String log = logs("lines", new LogOptions(0, 0, true, false, false, 0, null));

        assertThat(log.lines()).hasSize(5).allSatisfy(line -> {
            String[] parts = line.split(" ", 2);
            assertThat(Instant.parse(parts[0])).isBeforeOrEqualTo(Instant.now());
            assertThat(parts[1]).isIn("line 1", "line 2", "line 3", "line 4", "err");
        });
    }

    @Test
    void sinceKeepsOnlyNewerLines() throws IOException {
        assertThat(logs("lines", new LogOptions(0, 0, false, false, false, 3600, null))).isEqualTo(LINES);
        assertThat(logs("lines", new LogOptions(0, 0, false, false, false, 0, Instant.now().plusSeconds(60)))).isEmpty();
    }

    @Test
    void aSinceFarInThePastOrFutureIsTheWholeLogOrNothing() throws IOException {
        assertThat(logs("lines", new LogOptions(0, 0, false, false, false, Long.MAX_VALUE, null))).isEqualTo(LINES);
        assertThat(logs("lines", new LogOptions(0, 0, false, false, false, 0, Instant.parse("1000-01-01T00:00:00Z"))))
                .isEqualTo(LINES);
        assertThat(logs("lines", new LogOptions(0, 0, false, false, false, 0, Instant.parse("9999-12-31T23:59:59Z"))))
                .isEmpty();
    }

    @Test
    void aContainerThatWasNotRestartedHasNoPreviousInstance() {
        assertThatThrownBy(() -> fixture.runtime.logs(request("lines", new LogOptions(0, 0, false, false, true, 0, null))))
                .isInstanceOf(PodNotFoundException.class)
                .hasMessage("container lines of pod tests/logs (" + pod.getMetadata().getUid()
                        + ") has no previous instance");
    }

    @Test
    void followStreamsUntilTheContainerEnds() throws IOException {
        AtomicInteger flushes = new AtomicInteger();
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void flush() {
                flushes.incrementAndGet();
            }
        };

        fixture.runtime.logs(request("ticks", new LogOptions(0, 0, false, true, false, 0, null))).writeTo(out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("tick 1\ntick 2\ntick 3\n");
        assertThat(flushes).hasValueGreaterThanOrEqualTo(3);
        fixture.awaitStatus(pod, status -> status.containers().get(1).getState().getTerminated() != null);
    }

    @Test
    void followStopsAtOnceWhenTheClientGoesAway() {
        OutputStream gone = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("client went away");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("client went away");
            }
        };
        long start = System.nanoTime();

        assertThatThrownBy(() -> fixture.runtime.logs(request("forever", new LogOptions(0, 0, false, true, false, 0, null)))
                .writeTo(gone)).isInstanceOf(IOException.class).hasMessage("client went away");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void followWithByteLimitStopsAtTheLimit() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        fixture.runtime.logs(request("forever", new LogOptions(0, 12, false, true, false, 0, null))).writeTo(out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("again\nagain\n");
    }

    @Test
    void anUnknownPodOrContainerIsNotFound() {
        LogRequest unknownPod = new LogRequest("tests", "00000000-0000-0000-0000-000000000000", "nope", "lines", null);

        assertThatThrownBy(() -> fixture.runtime.logs(unknownPod))
                .isInstanceOf(PodNotFoundException.class);
        assertThatThrownBy(() -> fixture.runtime.logs(request("nope", LogOptions.DEFAULTS)))
                .isInstanceOf(PodNotFoundException.class)
                .hasMessageContaining("no container nope");
    }

    private static LogRequest request(String container, LogOptions options) {
        return new LogRequest("tests", pod.getMetadata().getUid(), pod.getMetadata().getName(), container, options);
    }

    private static String logs(String container, LogOptions options) throws IOException {
        return fixture.logs(pod, container, options);
    }
}
