package eu.interlink.jvm.docker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A pod's start is timed once, by whichever comes first: its containers having run, or its end. */
class PodStartTimerTest {

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final PodStartTimer timer = new PodStartTimer(meters);
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    @Test
    void aPodWhoseContainersRanIsTimedAsRunningOnceEvenWhenItEndsLater() {
        timer.accepted(started, ended);

        started.complete(null);
        ended.complete(null);

        assertThat(count("running")).isEqualTo(1);
        assertThat(count("failed")).isZero();
    }

    @Test
    void aPodThatEndedBeforeItsContainersRanIsTimedAsFailed() {
        timer.accepted(started, ended);

        ended.complete(null);
        started.complete(null);

        assertThat(count("failed")).isEqualTo(1);
        assertThat(count("running")).isZero();
    }

    @Test
    void aStartThatNeitherRanNorEndedIsNotTimed() {
        timer.accepted(started, ended);

        assertThat(meters.find("interlink.pod.start").timers()).isEmpty();
    }

    private long count(String outcome) {
        Timer found = meters.find("interlink.pod.start").tag("outcome", outcome).timer();
        return found == null ? 0 : found.count();
    }
}
