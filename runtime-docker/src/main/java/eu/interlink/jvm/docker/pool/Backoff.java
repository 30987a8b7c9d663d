package eu.interlink.jvm.docker.pool;

import java.time.Duration;

/**
 * The pauses before the retries of work that keeps failing: the first pause, doubled after each failure up to the
 * longest, and back to the first after a success. Not thread-safe: its owner guards it.
 */
final class Backoff {

    private final Duration first;
    private final Duration longest;
    private Duration next;

    Backoff(Duration first, Duration longest) {
        this.first = first;
        this.longest = longest;
        this.next = first;
    }

    /** The pause before the next try, after a failure; the pause after that one is twice as long, up to the longest. */
    Duration next() {
        Duration pause = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(longest) > 0 ? longest : doubled;
        return pause;
    }

    /** After a success: the next pause is the first again. */
    void reset() {
        next = first;
    }
}
