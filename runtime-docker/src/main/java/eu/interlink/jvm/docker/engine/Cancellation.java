package eu.interlink.jvm.docker.engine;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stops work that waits on Docker: once cancelled it says so to whoever polls it, and it closes everything registered
 * with it (stream callbacks, image transfers under way, timers), which ends the waits on them at once.
 *
 * <p>A pod has one for its start and its restarts (cancelled by a delete or by the runtime's close); the log streamer
 * has one for all followed logs (cancelled by the runtime's close). Thread-safe.
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

    /**
     * Runs the task on the executor after the delay, unless this is cancelled first: cancelling drops a task that has
     * not begun.
     *
     * @throws RejectedExecutionException when the executor is shut down
     */
    public void schedule(ScheduledExecutorService executor, Duration delay, Runnable task) {
        Timer timer = track(new Timer(task));
        try {
            timer.due = executor.schedule(timer, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            untrack(timer);
            throw e;
        }
        if (cancelled) {
            // A cancel between track and schedule found no future to cancel.
            timer.close();
        }
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

    private final class Timer implements Closeable, Runnable {

        private final Runnable task;
        private volatile Future<?> due;

        Timer(Runnable task) {
            this.task = task;
        }

        @Override
        public void run() {
            untrack(this);
            task.run();
        }

        @Override
        public void close() {
            Future<?> future = due;
            if (future != null) {
                future.cancel(false);
            }
        }
    }
}
