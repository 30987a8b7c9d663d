package eu.interlink.jvm.docker.probes;

/**
 * Counts a probe's results in a row, as kubelet does: a probe is undecided until its first verdict; it passes after
 * {@code successThreshold} successes in a row and fails after {@code failureThreshold} failures in a row, and keeps
 * its verdict until the other threshold is reached. Not thread-safe: one probe's runs never overlap.
 */
final class ProbeCounter {

    /** What the results so far say. */
    enum Verdict {
        UNDECIDED, PASSING, FAILING
    }

    private final int successThreshold;
    private final int failureThreshold;
    private int successes;
    private int failures;
    private Verdict verdict = Verdict.UNDECIDED;

    ProbeCounter(int successThreshold, int failureThreshold) {
        this.successThreshold = successThreshold;
        this.failureThreshold = failureThreshold;
    }

    /** Counts one result and returns the verdict now. */
    Verdict record(boolean success) {
        if (success) {
            failures = 0;
            successes++;
            if (successes >= successThreshold) {
                verdict = Verdict.PASSING;
            }
        } else {
            successes = 0;
            failures++;
            if (failures >= failureThreshold) {
                verdict = Verdict.FAILING;
            }
        }
        return verdict;
    }
}
