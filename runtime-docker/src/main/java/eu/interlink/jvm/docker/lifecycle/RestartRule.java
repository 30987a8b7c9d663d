package eu.interlink.jvm.docker.lifecycle;

import eu.interlink.jvm.docker.engine.Backoff;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether a pod's container runs again once a run of it ended, and after what pause, as kubelet decides. Under
 * {@code Always} a regular container runs again after any exit, under {@code OnFailure} after a failed run (a non-zero
 * exit, or a kill for a failed postStart hook or probe); an init container that failed runs again under either; under
 * {@code Never} nothing does. The pause is the first pause
 * (kubelet's is 10 s) before the first restart, twice the last pause before each next one up to 5 min, and the
 * first again after a run of 10 min or more.
 */
public final class RestartRule {

    /** Kubelet's pause before a container's first restart. */
    public static final Duration KUBELET_FIRST_PAUSE = Duration.ofSeconds(10);

    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(5);
    private static final Duration STEADY_RUN = Duration.ofMinutes(10);

    private final Backoff pauses;

    /** @param firstPause the pause before a container's first restart: {@link #KUBELET_FIRST_PAUSE}, but in tests */
    public RestartRule(Duration firstPause) {
        this.pauses = new Backoff(firstPause, LONGEST_PAUSE);
    }

    /** The pause before trying again to create a container whose create failed, after the last such pause (or none). */
    public Duration pauseAfterFailedCreate(Duration lastPause) {
        return pauses.after(lastPause);
    }

    /** The pause before pulling again an image whose pull failed, after the last such pause (or none), as kubelet. */
    public Duration pauseAfterFailedPull(Duration lastPause) {
        return pauses.after(lastPause);
    }

    /**
     * The pause before the container runs again, now that this run of it ended; empty while the run lasts, and when
     * the container does not run again.
     *
     * @param container the name of a spec container of the pod
     * @param run       its current run
     */
    public Optional<Duration> pauseAfter(PodRecord pod, String container, ContainerSnapshot run) {
        if (!run.ended() || !pod.runsAgain(container, run)) {
            return Optional.empty();
        }
        Duration last = run.ranFor().compareTo(STEADY_RUN) >= 0 ? null
                : pod.runs(container).map(ContainerRuns::pause).orElse(null);
        return Optional.of(pauses.after(last));
    }
}
