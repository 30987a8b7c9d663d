package eu.interlink.jvm.docker.status;

import eu.interlink.jvm.api.wire.KubeTime;
import eu.interlink.jvm.docker.lifecycle.Reason;
import eu.interlink.jvm.docker.lifecycle.RunHealth;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;

/**
 * Adds what a run's postStart hook and probes say ({@link RunHealth}) to the status {@link ContainerStatusMapper}
 * made from Docker's view of the run.
 *
 * <p>A running run that is ready is {@code running} with {@code ready} and {@code started} true. A running run that is
 * not ready (its postStart hook runs, or its startup or readiness probe has not passed, or its readiness probe fails
 * now) is reported as {@code waiting}, with reason {@code Waiting for probes to be ready.} (or
 * {@code ContainerCreating} while its postStart hook runs), {@code ready} false and {@code started} as the startup
 * probe says: interLink's virtual kubelet takes every {@code running} container for ready, so a running state would
 * make the pod ready too early. The message says why, and since when the run really runs (RFC 3339).
 *
 * <p>A run that the runtime killed (its postStart hook or a probe failed) has its termination explained wherever it is
 * shown, as its state or as the last state: the reason {@code PostStartHookError} for a failed postStart hook, the
 * run's own reason otherwise; the message says which hook or probe failed, and how.
 */
final class RunHealthOverlay {

    private RunHealthOverlay() {
    }

    /**
     * @param status     the status made from Docker's view
     * @param current    the health of the current run, or null for a run without a hook or probes
     * @param lastKilled why the run shown as the last state was killed, or null
     */
    static ContainerStatus apply(ContainerStatus status, RunHealth current, Reason lastKilled) {
        ContainerStatusBuilder builder = new ContainerStatusBuilder(status);
        ContainerState state = status.getState();
        if (current != null && state.getRunning() != null) {
            builder.withStarted(current.started()).withReady(current.ready());
            if (!current.ready()) {
                Reason why = current.notReady();
                builder.withState(new ContainerStateBuilder().withNewWaiting().withReason(why.reason())
                        .withMessage(why.message() + "; running since " + state.getRunning().getStartedAt())
                        .endWaiting().build());
            }
        }
        if (current != null && current.killed() != null && state.getTerminated() != null) {
            builder.withState(new ContainerStateBuilder()
                    .withTerminated(explained(state.getTerminated(), current.killed())).build());
        }
        ContainerState last = status.getLastState();
        if (lastKilled != null && last != null && last.getTerminated() != null) {
            builder.withLastState(new ContainerStateBuilder()
                    .withTerminated(explained(last.getTerminated(), lastKilled)).build());
        }
        return builder.build();
    }

    private static ContainerStateTerminated explained(ContainerStateTerminated terminated, Reason killed) {
        return new ContainerStateTerminatedBuilder(terminated)
                .withReason(killed.reason() != null ? killed.reason() : terminated.getReason())
                .withMessage(killed.message())
                .build();
    }
}
