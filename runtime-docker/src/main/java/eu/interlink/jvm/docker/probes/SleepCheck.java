package eu.interlink.jvm.docker.probes;

import java.time.Duration;

/** A hook's {@code sleep} action: waits the time asked, and fails when the hook's time is shorter. */
final class SleepCheck implements Check {

    private final Duration sleep;

    SleepCheck(Duration sleep) {
        this.sleep = sleep;
    }

    @Override
    public CheckResult run(Duration timeout) {
        String what = "sleep " + sleep.toSeconds() + " s";
        try {
            Thread.sleep(Math.min(sleep.toMillis(), timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.failed(what + " was interrupted");
        }
        return sleep.compareTo(timeout) <= 0 ? CheckResult.passed(what + " done")
                : CheckResult.failed(what + " was cut short after " + timeout.toSeconds() + " s");
    }
}
