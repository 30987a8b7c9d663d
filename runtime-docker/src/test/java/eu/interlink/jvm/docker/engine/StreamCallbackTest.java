package eu.interlink.jvm.docker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Closeable;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StreamCallbackTest {

    private final AtomicInteger streamCloses = new AtomicInteger();
    private final Closeable stream = streamCloses::incrementAndGet;

    @Test
    void aCallbackClosedBeforeItsStreamStartsClosesTheStreamAsSoonAsItStarts() throws Exception {
        StreamCallback<String> callback = new StreamCallback<>();

        callback.close();
        callback.onStart(stream);

        assertThat(streamCloses).hasValue(1);
        assertThat(callback.awaitCompletion(0, TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void aCallbackClosedAfterItsStreamStartedClosesTheStreamOnce() throws Exception {
        StreamCallback<String> callback = new StreamCallback<>();

        callback.onStart(stream);
        assertThat(streamCloses).hasValue(0);
        callback.close();
        callback.close();

        assertThat(streamCloses).hasValue(1);
    }

    @Test
    void aStreamThatEndsClosesTheCallback() throws Exception {
        StreamCallback<String> callback = new StreamCallback<>();
        callback.onStart(stream);

        callback.onComplete();

        assertThat(callback.isClosed()).isTrue();
        assertThat(callback.awaitCompletion(Duration.ofSeconds(1).toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    }
}
