package eu.interlink.jvm.docker.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class LogCopierTest {

    private static Frame frame(String text) {
        return new Frame(StreamType.STDOUT, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void nothingIsWrittenOnceTheCopierIsClosedEvenBeforeItsStreamStarted() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogCopier copier = new LogCopier(out, 0, false);

        copier.close();
        copier.onStart(() -> { });
        copier.onNext(frame("late\n"));

        assertThat(out.size()).isZero();
    }

    @Test
    void copyingStopsAtTheByteLimit() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogCopier copier = new LogCopier(out, 8, false);
        copier.onStart(() -> { });

        copier.onNext(frame("line 1\n"));
        copier.onNext(frame("line 2\n"));
        copier.onNext(frame("line 3\n"));

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("line 1\nl");
        copier.rethrowFailure("c");
    }

    @Test
    void closingWaitsForTheWriteUnderWayAndNothingIsWrittenAfterIt() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        OutputStream slowClient = new OutputStream() {
            @Override
            public void write(int b) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                writing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                written.write(bytes, offset, length);
            }
        };
        LogCopier copier = new LogCopier(slowClient, 0, true);
        copier.onStart(() -> { });
        CompletableFuture<Void> streaming = CompletableFuture.runAsync(() -> copier.onNext(frame("first\n")));
        writing.await();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
            try {
                copier.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !closing.isDone());
        release.countDown();
        closing.get();
        streaming.get();
        copier.onNext(frame("second\n"));
        assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo("first\n");
    }

    @Test
    void aFailedWriteIsThrownAndTheStreamsLaterFailureIsNot() {
        OutputStream gone = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("client went away");
            }
        };
        LogCopier copier = new LogCopier(gone, 0, false);
        copier.onStart(() -> { });

        copier.onNext(frame("x"));
        copier.onError(new IOException("stream closed"));

        assertThatThrownBy(() -> copier.rethrowFailure("c")).isInstanceOf(IOException.class).hasMessage("client went away");
    }
}
