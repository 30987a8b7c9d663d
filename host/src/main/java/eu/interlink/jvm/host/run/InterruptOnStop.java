package eu.interlink.jvm.host.run;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * While open, stopping the process (Ctrl-C, SIGTERM) interrupts the thread that opened it, once, and holds the exit
 * until it is closed, at most a grace period: so that a command can delete what it started before the JVM halts.
 */
public final class InterruptOnStop implements AutoCloseable {

    private final Thread owner = Thread.currentThread();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;
    private boolean armed = true;
    private boolean stopped;

    private InterruptOnStop(Duration grace) {
        this.hook = new Thread(() -> {
            synchronized (this) {
                stopped = true;
                if (armed) {
                    owner.interrupt();
                }
            }
            try {
                closed.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "interrupt-on-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts watching for a stop, for the calling thread.
     *
     * @param grace how long a stopping process waits for {@link #close}
     */
    public static InterruptOnStop install(Duration grace) {
        return new InterruptOnStop(grace);
    }

    /**
     * From now on a stop no longer interrupts the owner, whose clean-up must not be cut short; the exit still waits
     * for {@link #close}. Clears an interrupt that came before.
     */
    public void disarm() {
        synchronized (this) {
            armed = false;
        }
        Thread.interrupted();
    }

    /** Whether the process is stopping. */
    public synchronized boolean stopped() {
        return stopped;
    }

    /** Lets a stopping process exit, and stops watching when it is not stopping. */
    @Override
    public void close() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The process is stopping: the hook has run or runs now, and no longer waits.
        }
    }
}
