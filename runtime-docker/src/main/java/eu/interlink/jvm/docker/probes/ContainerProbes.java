package eu.interlink.jvm.docker.probes;

import eu.interlink.jvm.docker.probes.ProbeCounter.Verdict;
import java.time.Duration;
import java.util.Optional;

/**
 * The probes of one run of a container, as kubelet runs them: the startup probe first, if any; the liveness and
 * readiness probes only once it passed (or at once without one). Each probe first runs after its initial delay, then
 * a period after the end of its last run, on the {@link Scheduler}, so that no thread waits between runs.
 *
 * <p>Tells its {@link Listener} when the run is started (its startup probe passed, or there is none), whether it is
 * ready (its readiness probe passes; without one, as soon as it is started), and when a startup or liveness probe
 * failed, after which no probe runs any more: the run is to be killed. A restart is a new run with new probes.
 * {@link #stop()} ends them all (the run ended, or its pod is stopped). Thread-safe.
 */
public final class ContainerProbes {

    /** Runs a task after a delay: the pod's timer on the runtime's probe threads. */
    @FunctionalInterface
    public interface Scheduler {

        /** Runs the task once after the delay, unless the pod stops first. */
        void schedule(Duration delay, Runnable task);
    }

    /** Is told what the probes find; called on the scheduler's threads, one call at a time per probe. */
    public interface Listener {

        /** The run is started: its startup probe passed, or it has none. */
        void started();

        /**
         * Whether the run is ready now.
         *
         * @param detail what the readiness probe found last, or null without a readiness probe
         */
        void readiness(boolean ready, String detail);

        /** A startup or liveness probe failed {@code failureThreshold} times in a row: the run is to be killed. */
        void failed(ProbeKind kind, String detail);
    }

    /**
     * One probe of the run.
     *
     * @param kind   which probe it is
     * @param timing when it runs and how its results count
     * @param check  what it does
     */
    public record Probe(ProbeKind kind, ProbeTiming timing, Check check) {
    }

    private final Optional<Probe> startup;
    private final Optional<Probe> liveness;
    private final Optional<Probe> readiness;
    private final Scheduler scheduler;
    private final Listener listener;
    private volatile boolean stopped;

    public ContainerProbes(Optional<Probe> startup, Optional<Probe> liveness, Optional<Probe> readiness,
            Scheduler scheduler, Listener listener) {
        this.startup = startup;
        this.liveness = liveness;
        this.readiness = readiness;
        this.scheduler = scheduler;
        this.listener = listener;
    }

    /** Starts probing the run, which has just started; returns at once. */
    public void begin() {
        startup.ifPresentOrElse(probe -> loop(probe, probe.timing().initialDelay(), newCounter(probe)), this::started);
    }

    /** Ends the probes: none runs any more, and the listener hears nothing more. Idempotent. */
    public void stop() {
        stopped = true;
    }

    private void started() {
        listener.started();
        readiness.ifPresentOrElse(probe -> loop(probe, probe.timing().initialDelay(), newCounter(probe)),
                () -> listener.readiness(true, null));
        liveness.ifPresent(probe -> loop(probe, probe.timing().initialDelay(), newCounter(probe)));
    }

    private static ProbeCounter newCounter(Probe probe) {
        return new ProbeCounter(probe.timing().successThreshold(), probe.timing().failureThreshold());
    }

    private void loop(Probe probe, Duration delay, ProbeCounter counter) {
        if (stopped) {
            return;
        }
        scheduler.schedule(delay, () -> {
            if (stopped) {
                return;
            }
            CheckResult result = probe.check().run(probe.timing().timeout());
            if (stopped) {
                return;
            }
            String detail = probe.kind().label() + " probe " + (result.success() ? "succeeded" : "failed") + ": "
                    + result.detail();
            if (act(probe.kind(), counter.record(result.success()), detail)) {
                loop(probe, probe.timing().period(), counter);
            }
        });
    }

    /** Acts on the probe's verdict; whether the probe runs again. */
    private boolean act(ProbeKind kind, Verdict verdict, String detail) {
        switch (kind) {
            case STARTUP -> {
                if (verdict == Verdict.UNDECIDED) {
                    return true;
                }
                if (verdict == Verdict.PASSING) {
                    started();
                } else {
                    fail(kind, detail);
                }
                return false;
            }
            case LIVENESS -> {
                if (verdict == Verdict.FAILING) {
                    fail(kind, detail);
                    return false;
                }
                return true;
            }
            default -> {
                listener.readiness(verdict == Verdict.PASSING, detail);
                return true;
            }
        }
    }

    private void fail(ProbeKind kind, String detail) {
        stopped = true;
        listener.failed(kind, detail);
    }
}
