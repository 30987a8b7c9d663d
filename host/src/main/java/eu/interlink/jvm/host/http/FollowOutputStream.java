package eu.interlink.jvm.host.http;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The body of a followed log: sends the response headers if the runtime stays quiet for a moment.
 *
 * <p>interLink waits at most 120 s for the headers, and a followed container may print nothing for longer. Waiting
 * a moment before committing still lets a runtime that fails at once (an unknown pod) be answered with a proper
 * error status instead of an empty 200.
 */
final class FollowOutputStream extends OutputStream {

    private final OutputStream body;
    private final ReentrantLock lock = new ReentrantLock();
    private final Scheduler.Task commit;
    private boolean started;
    private boolean finished;

    FollowOutputStream(OutputStream body, Scheduler scheduler, Duration grace) {
        this.body = body;
        this.commit = scheduler.schedule(this::commitIfQuiet, grace);
    }

    @Override
    public void write(int b) throws IOException {
        lock.lock();
        try {
            started = true;
            body.write(b);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        lock.lock();
        try {
            started = true;
            body.write(bytes, offset, length);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void flush() throws IOException {
        lock.lock();
        try {
            started = true;
            body.flush();
        } finally {
            lock.unlock();
        }
    }

    /** Stops the pending commit; once this returns, nothing more is written unless the runtime writes it. */
    void finish() {
        commit.cancel();
        lock.lock();
        try {
            finished = true;
        } finally {
            lock.unlock();
        }
    }

    private void commitIfQuiet() {
        // Runs on Jetty's scheduler thread, which must never block: a held lock means the runtime is writing anyway.
        if (!lock.tryLock()) {
            return;
        }
        try {
            if (!started && !finished) {
                started = true;
                body.flush();
            }
        } catch (IOException e) {
            // The client went away: the runtime's next write fails the same way and ends the stream.
        } finally {
            lock.unlock();
        }
    }
}
