package eu.interlink.jvm.docker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CancellationException;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * Times how images get into sandboxes: {@code interlink.image.moves}, the moves from the host engine (its save
 * streamed into the sandbox's load), with {@code interlink.image.moved.bytes}, the bytes of the saved archives as they
 * stream through; and {@code interlink.image.pulls}, the pulls by sandboxes' engines. Both timers are tagged
 * {@code outcome}: {@value #SUCCEEDED}, {@value #FAILED} or {@value #CANCELLED} (the pod was deleted meanwhile).
 * Thread-safe.
 */
public final class ImageMeters {

    static final String SUCCEEDED = "succeeded";
    static final String FAILED = "failed";
    static final String CANCELLED = "cancelled";

    private final MeterRegistry registry;
    private final Counter movedBytes;

    /** @param registry where the meters are registered */
    public ImageMeters(MeterRegistry registry) {
        this.registry = registry;
        this.movedBytes = Counter.builder("interlink.image.moved.bytes").baseUnit("bytes")
                .description("Bytes of image archives moved from the host engine into sandboxes").register(registry);
    }

    /** Times one move of an image from the host into a sandbox. */
    public void move(Runnable move) {
        timed("interlink.image.moves", "Moves of images from the host engine into sandboxes", move);
    }

    /** Times one pull of an image by a sandbox's engine. */
    public void pull(Runnable pull) {
        timed("interlink.image.pulls", "Pulls of images by the sandboxes' engines", pull);
    }

    /**
     * The saved archive of a move, counting its bytes as they are read.
     *
     * @throws IOException when the stream cannot be wrapped
     */
    public InputStream counting(InputStream archive) throws IOException {
        return BoundedInputStream.builder().setInputStream(archive).setAfterRead(read -> {
            if (read > 0) {
                movedBytes.increment(read);
            }
        }).get();
    }

    private void timed(String name, String description, Runnable work) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = FAILED;
        try {
            work.run();
            outcome = SUCCEEDED;
        } catch (CancellationException e) {
            outcome = CANCELLED;
            throw e;
        } finally {
            sample.stop(Timer.builder(name).description(description).tag("outcome", outcome).register(registry));
        }
    }
}
