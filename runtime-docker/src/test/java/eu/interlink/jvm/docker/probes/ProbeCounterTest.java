package eu.interlink.jvm.docker.probes;

import static org.assertj.core.api.Assertions.assertThat;

import eu.interlink.jvm.docker.probes.ProbeCounter.Verdict;
import org.junit.jupiter.api.Test;

class ProbeCounterTest {

    @Test
    void aProbeIsUndecidedUntilAThresholdIsReachedInARow() {
        ProbeCounter counter = new ProbeCounter(2, 3);

        assertThat(counter.record(true)).isEqualTo(Verdict.UNDECIDED);
        assertThat(counter.record(false)).isEqualTo(Verdict.UNDECIDED);
        assertThat(counter.record(false)).isEqualTo(Verdict.UNDECIDED);
        assertThat(counter.record(true)).isEqualTo(Verdict.UNDECIDED);
        assertThat(counter.record(true)).isEqualTo(Verdict.PASSING);
    }

    @Test
    void aPassingProbeFailsOnlyAfterFailureThresholdFailuresInARow() {
        ProbeCounter counter = new ProbeCounter(1, 3);
        counter.record(true);

        assertThat(counter.record(false)).isEqualTo(Verdict.PASSING);
        assertThat(counter.record(false)).isEqualTo(Verdict.PASSING);
        assertThat(counter.record(true)).as("a success starts the count again").isEqualTo(Verdict.PASSING);
        assertThat(counter.record(false)).isEqualTo(Verdict.PASSING);
        assertThat(counter.record(false)).isEqualTo(Verdict.PASSING);
        assertThat(counter.record(false)).isEqualTo(Verdict.FAILING);
    }

    @Test
    void aFailingProbePassesAgainAfterSuccessThresholdSuccessesInARow() {
        ProbeCounter counter = new ProbeCounter(2, 1);
        counter.record(false);

        assertThat(counter.record(true)).isEqualTo(Verdict.FAILING);
        assertThat(counter.record(true)).isEqualTo(Verdict.PASSING);
    }
}
