package eu.interlink.jvm.docker.lifecycle;

/**
 * What a run's postStart hook and probes say about it, for a run of a container that has a hook or a probe; a run
 * without either has none, and is started and ready as soon as it runs.
 *
 * @param started  whether the run is started: its postStart hook ran and its startup probe, if any, passed
 * @param ready    whether the run is ready: started, and its readiness probe, if any, passes
 * @param notReady why it is not ready, while it is not; else null
 * @param killed   why the runtime killed the run (its postStart hook or a probe failed), or null; its reason is null
 *                 when the run's own termination reason ({@code Error}, {@code Completed}...) stays
 */
public record RunHealth(boolean started, boolean ready, Reason notReady, Reason killed) {

    /** The reason of a run that is being killed: kubelet's for the event it records then. */
    static final String KILLING = "Killing";

    static RunHealth starting(Reason why) {
        return new RunHealth(false, false, why, null);
    }

    RunHealth asStarted() {
        return new RunHealth(true, ready, notReady, killed);
    }

    RunHealth withReadiness(boolean isReady, Reason why) {
        return new RunHealth(started, isReady, isReady ? null : why, killed);
    }

    /** Killed: not ready while it stops, with kubelet's event reason when it was ready until then. */
    RunHealth killedBecause(Reason why) {
        return new RunHealth(started, false, notReady == null ? new Reason(KILLING, why.message()) : notReady, why);
    }
}
