package eu.interlink.jvm.docker.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * A value that takes Docker round trips to learn, kept and refreshed in the background: a reader gets the last value at
 * once, and a reader who finds it older than its maximum age starts one refresh (never more than one at a time).
 * Thread-safe.
 *
 * @param <T> the value
 */
public final class BackgroundRefresh<T> {

    private record Taken<T>(Instant at, T value) {
    }

    private final UnaryOperator<T> refresh;
    private final Duration maxAge;
    private final Executor background;
    private final Clock clock;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final AtomicReference<Taken<T>> latest;

    /**
     * @param initial    the value until the first refresh ends
     * @param maxAge     how old the value may be before a reader starts a refresh
     * @param refresh    works out the value anew from the previous one; must not throw
     * @param background where refreshes run
     * @param clock      tells the value's age
     */
    public BackgroundRefresh(T initial, Duration maxAge, UnaryOperator<T> refresh, Executor background, Clock clock) {
        this.refresh = refresh;
        this.maxAge = maxAge;
        this.background = background;
        this.clock = clock;
        this.latest = new AtomicReference<>(new Taken<>(Instant.EPOCH, initial));
    }

    /** The last value; never waits. */
    public T get() {
        Taken<T> taken = latest.get();
        if (taken.at().plus(maxAge).isBefore(clock.instant()) && refreshing.compareAndSet(false, true)) {
            try {
                background.execute(this::refreshAndRelease);
            } catch (RejectedExecutionException e) {
                refreshing.set(false);
            }
        }
        return taken.value();
    }

    /** Works the value out now, in the calling thread, and keeps it. */
    public void refreshNow() {
        Instant now = clock.instant();
        T value = refresh.apply(latest.get().value());
        latest.set(new Taken<>(now, value));
    }

    private void refreshAndRelease() {
        try {
            refreshNow();
        } finally {
            refreshing.set(false);
        }
    }
}
