package eu.interlink.jvm.docker.engine;

import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops work that waits on Docker: once cancelled it says so to whoever polls it, and it closes everything registered
 * with it (stream callbacks, image transfers under way), which ends the waits on them at once.
 *
 * <p>A pod's start has one (cancelled by a delete or by the runtime's close); the log streamer has one for all
 * followed logs (cancelled by the runtime's close). Thread-safe.
 */
public final class Cancellation {

    private final Set<Closeable> waits = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    /** Whether {@link #cancel()} was called. */
    public boolean isCancelled() {
        return cancelled;
    }

    /** Marks the work cancelled and closes everything registered. Idempotent. */
    public void cancel() {
        cancelled = true;
        waits.forEach(Cancellation::closeQuietly);
    }

    /** Registers something to close on {@link #cancel()}; closes it at once when already cancelled. */
    public <T extends Closeable> T track(T wait) {
        waits.add(wait);
        if (cancelled) {
            closeQuietly(wait);
        }
        return wait;
    }

    /** Forgets something that ended. */
    public void untrack(Closeable wait) {
        waits.remove(wait);
    }

    private static void closeQuietly(Closeable wait) {
        try {
            wait.close();
        } catch (IOException e) {
            // What is closed is being abandoned; a failure to close it changes nothing for the waiter.
        }
    }
}
