package eu.interlink.jvm.docker.engine;

import java.time.Duration;

/**
 * The pauses before the retries of work that keeps failing: the first pause, then each twice the one before, up to
 * the longest. A value: whoever retries keeps the last pause.
 *
 * @param first   the first pause
 * @param longest the longest pause
 */
public record Backoff(Duration first, Duration longest) {

    /** The pause after this one: twice as long, up to the longest; the first pause when there was none (null). */
    public Duration after(Duration pause) {
        if (pause == null) {
            return first;
        }
        Duration doubled = pause.multipliedBy(2);
        return doubled.compareTo(longest) > 0 ? longest : doubled;
    }
}
