package eu.interlink.jvm.docker.probes;

import io.fabric8.kubernetes.api.model.Probe;
import java.time.Duration;

/**
 * When a probe runs and how its results count, with Kubernetes' defaults for what the probe leaves unset (or zero, as
 * the API server's defaulting does): no initial delay, a period of 10 s, a timeout of 1 s, a success threshold of 1 and
 * a failure threshold of 3.
 *
 * @param initialDelay     how long after the run's start (after its postStart hook) the probe first runs
 * @param period           the pause between the end of one run of the probe and the start of the next
 * @param timeout          how long one run of the probe may take
 * @param successThreshold how many successes in a row make a failing or undecided probe pass
 * @param failureThreshold how many failures in a row make a passing or undecided probe fail
 */
public record ProbeTiming(Duration initialDelay, Duration period, Duration timeout, int successThreshold,
        int failureThreshold) {

    static final int DEFAULT_PERIOD_SECONDS = 10;
    static final int DEFAULT_TIMEOUT_SECONDS = 1;
    static final int DEFAULT_SUCCESS_THRESHOLD = 1;
    static final int DEFAULT_FAILURE_THRESHOLD = 3;

    /** The timing of a probe whose values were checked by {@link ContainerChecks#invalid}. */
    public static ProbeTiming of(Probe probe) {
        return new ProbeTiming(
                Duration.ofSeconds(orDefault(probe.getInitialDelaySeconds(), 0)),
                Duration.ofSeconds(orDefault(probe.getPeriodSeconds(), DEFAULT_PERIOD_SECONDS)),
                Duration.ofSeconds(orDefault(probe.getTimeoutSeconds(), DEFAULT_TIMEOUT_SECONDS)),
                orDefault(probe.getSuccessThreshold(), DEFAULT_SUCCESS_THRESHOLD),
                orDefault(probe.getFailureThreshold(), DEFAULT_FAILURE_THRESHOLD));
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null || value == 0 ? fallback : value;
    }
}
