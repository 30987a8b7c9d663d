package eu.interlink.jvm.docker.probes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The probes of a run, driven by a scheduler whose timers the test fires one by one, and checks it scripts. */
class ContainerProbesTest {

    private static final ProbeTiming TIMING = new ProbeTiming(Duration.ofSeconds(5), Duration.ofSeconds(2),
            Duration.ofSeconds(1), 1, 3);

    private final Deque<Timer> timers = new ArrayDeque<>();
    private final List<String> heard = new ArrayList<>();

    private record Timer(Duration delay, Runnable task) {
    }

    @Test
    void withoutProbesARunIsStartedAndReadyAtOnce() {
        probes(Optional.empty(), Optional.empty(), Optional.empty()).begin();

        assertThat(heard).containsExactly("started", "ready true");
        assertThat(timers).isEmpty();
    }

    @Test
    void readinessWaitsForTheInitialDelayThenFollowsEachResultAPeriodApart() {
        Scripted check = new Scripted(false, true, false, false, false);
        probes(Optional.empty(), Optional.empty(), Optional.of(probe(ProbeKind.READINESS, TIMING, check))).begin();

        assertThat(heard).containsExactly("started");
        assertThat(next().delay()).isEqualTo(Duration.ofSeconds(5));
        fire();
        assertThat(heard).last().isEqualTo("ready false");
        assertThat(next().delay()).isEqualTo(Duration.ofSeconds(2));
        fire();
        assertThat(heard).last().isEqualTo("ready true");
        fire();
        fire();
        assertThat(heard).last().as("two failures in a row are under the threshold").isEqualTo("ready true");
        fire();
        assertThat(heard).last().isEqualTo("ready false");
        assertThat(timers).as("a readiness probe goes on after it fails").hasSize(1);
    }

    @Test
    void livenessAndReadinessStartOnlyOnceTheStartupProbePasses() {
        Scripted startup = new Scripted(false, false, true);
        Scripted liveness = new Scripted(true);
        Scripted readiness = new Scripted(true);
        probes(Optional.of(probe(ProbeKind.STARTUP, TIMING, startup)),
                Optional.of(probe(ProbeKind.LIVENESS, TIMING, liveness)),
                Optional.of(probe(ProbeKind.READINESS, TIMING, readiness))).begin();

        fire();
        fire();
        assertThat(heard).isEmpty();
        assertThat(timers).hasSize(1);
        fire();

        assertThat(heard).containsExactly("started");
        assertThat(startup.runs).isEqualTo(3);
        assertThat(timers).as("readiness and liveness, each after its initial delay").hasSize(2)
                .allSatisfy(timer -> assertThat(timer.delay()).isEqualTo(Duration.ofSeconds(5)));
        assertThat(liveness.runs + readiness.runs).isZero();
    }

    @Test
    void aStartupProbeThatFailsFailureThresholdTimesFailsTheRunAndNothingRunsAfter() {
        probes(Optional.of(probe(ProbeKind.STARTUP, TIMING, new Scripted(false, false, false))),
                Optional.of(probe(ProbeKind.LIVENESS, TIMING, new Scripted(true))), Optional.empty()).begin();

        fire();
        fire();
        fire();

        assertThat(heard).containsExactly("failed STARTUP Startup probe failed: scripted");
        assertThat(timers).isEmpty();
    }

    @Test
    void aLivenessProbeFailsTheRunAfterFailureThresholdFailuresInARow() {
        ProbeTiming twoFailures = new ProbeTiming(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 2);
        probes(Optional.empty(), Optional.of(probe(ProbeKind.LIVENESS, twoFailures,
                new Scripted(true, false, true, false, false))), Optional.empty()).begin();

        for (int run = 0; run < 4; run++) {
            fire();
        }
        assertThat(heard).doesNotContain("failed LIVENESS Liveness probe failed: scripted");
        fire();

        assertThat(heard).last().isEqualTo("failed LIVENESS Liveness probe failed: scripted");
        assertThat(timers).isEmpty();
    }

    @Test
    void aStoppedRunIsProbedNoMoreAndItsListenerHearsNothingMore() {
        Scripted check = new Scripted(true);
        ContainerProbes probes = probes(Optional.empty(), Optional.empty(),
                Optional.of(probe(ProbeKind.READINESS, TIMING, check)));
        probes.begin();

        probes.stop();
        fire();

        assertThat(check.runs).isZero();
        assertThat(heard).containsExactly("started");
        assertThat(timers).isEmpty();
    }

    private ContainerProbes probes(Optional<ContainerProbes.Probe> startup, Optional<ContainerProbes.Probe> liveness,
            Optional<ContainerProbes.Probe> readiness) {
        return new ContainerProbes(startup, liveness, readiness,
                (delay, task) -> timers.add(new Timer(delay, task)),
                new ContainerProbes.Listener() {
                    @Override
                    public void started() {
                        heard.add("started");
                    }

                    @Override
                    public void readiness(boolean ready, String detail) {
                        heard.add("ready " + ready);
                    }

                    @Override
                    public void failed(ProbeKind kind, String detail) {
                        heard.add("failed " + kind + " " + detail);
                    }
                });
    }

    private static ContainerProbes.Probe probe(ProbeKind kind, ProbeTiming timing, Check check) {
        return new ContainerProbes.Probe(kind, timing, check);
    }

    private Timer next() {
        return timers.peekFirst();
    }

    private void fire() {
        Timer timer = timers.pollFirst();
        if (timer != null) {
            timer.task().run();
        }
    }

    /** A check that gives the scripted results in turn, then the last one for ever. */
    private static final class Scripted implements Check {

        private final boolean[] results;
        private int runs;

        Scripted(boolean... results) {
            this.results = results;
        }

        @Override
        public CheckResult run(Duration timeout) {
            boolean success = results[Math.min(runs, results.length - 1)];
            runs++;
            return new CheckResult(success, "scripted");
        }
    }
}
