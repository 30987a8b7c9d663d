package eu.interlink.jvm.docker.engine;

import com.github.dockerjava.api.async.ResultCallback;
import java.io.Closeable;
import java.io.IOException;

/**
 * A docker-java stream callback that stays closed once closed: the base of every callback this runtime uses.
 *
 * <p>docker-java's {@code ResultCallbackTemplate.onStart} marks the callback open again, so a close that comes before
 * the stream has started is forgotten and the stream runs on. This callback closes the stream as soon as it starts
 * when it was closed before.
 *
 * <p>{@link #onStart} and {@link #close} hold the callback's lock; a subclass that acts on items does so under the
 * same lock after checking {@link #isClosed()}, so that nothing is acted on once {@link #close} has returned.
 *
 * @param <T> the type of the stream's items
 */
public class StreamCallback<T> extends ResultCallback.Adapter<T> {

    private boolean closed;

    @Override
    public synchronized void onStart(Closeable stream) {
        super.onStart(stream);
        if (closed) {
            closeQuietly();
        }
    }

    /** Closes the stream, or, when it has not started yet, makes it close as soon as it starts. Idempotent. */
    @Override
    public synchronized void close() throws IOException {
        closed = true;
        super.close();
    }

    /** Whether {@link #close} was called, by its owner or because the stream ended. */
    protected final synchronized boolean isClosed() {
        return closed;
    }

    /** Closes the stream, ignoring a failure to close it: whoever calls this is abandoning the stream. */
    public final void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            // Closing only abandons the Docker stream; the waiter is released whether or not that failed.
        }
    }
}
