package eu.interlink.jvm.docker.lifecycle;

import java.time.Duration;

/**
 * The runs of one spec container: each run has its own inner container; the current one's, and the previous one's,
 * kept for its log until the next restart.
 *
 * @param containerId  the id of the current run's inner container
 * @param restartCount how often the container was restarted
 * @param previous     how the previous run ended, or null before the first restart
 * @param pause        the pause before the last restart, or null before the first
 * @param current      what Docker last said about the current run, or null before it was first inspected
 * @param lost         why the current run's container is gone, or null while it is there
 */
public record ContainerRuns(String containerId, int restartCount, ContainerSnapshot previous, Duration pause,
        ContainerSnapshot current, Reason lost) {

    static ContainerRuns first(String containerId) {
        return new ContainerRuns(containerId, 0, null, null, null, null);
    }

    /** A run an earlier runtime started; the pause before it is not known, so the next one is kubelet's first. */
    static ContainerRuns adopted(String containerId, int restartCount, ContainerSnapshot previous) {
        return new ContainerRuns(containerId, restartCount, previous, null, null, null);
    }

    ContainerRuns restarted(String newContainerId, ContainerSnapshot ended, Duration pausedFor) {
        return new ContainerRuns(newContainerId, restartCount + 1, ended, pausedFor, null, null);
    }

    /** A restart that failed before its run began: the next try waits longer. */
    ContainerRuns pausedAgain(Duration pausedFor) {
        return new ContainerRuns(containerId, restartCount, previous, pausedFor, current, lost);
    }

    /**
     * With what Docker says now about a container: kept when it is about the current run and not older than what was
     * known (inspections that race may answer out of order, and a run never goes back from ended to running); a later
     * snapshot of an ended run keeps the termination message read when it was first seen ended.
     */
    ContainerRuns observed(ContainerSnapshot snapshot) {
        boolean older = current != null && current.progress() > snapshot.progress();
        if (!snapshot.containerId().equals(containerId) || lost != null || older) {
            return this;
        }
        // Docker may tell that a run was killed for memory after telling that it ended; its termination message was
        // read when it was first seen ended, and is kept.
        boolean endedBefore = current != null && current.ended();
        ContainerSnapshot latest = endedBefore ? snapshot.withTerminationMessage(current.terminationMessage()) : snapshot;
        return new ContainerRuns(containerId, restartCount, previous, pause, latest, null);
    }

    /** With the current run's container gone, when it is the one of this id. */
    ContainerRuns lost(String goneContainerId, Reason why) {
        if (!goneContainerId.equals(containerId)) {
            return this;
        }
        return new ContainerRuns(containerId, restartCount, previous, pause, current, why);
    }

    /** Whether Docker started the container, in its current run or its previous one, as far as is known. */
    boolean ran() {
        return ran(current) || ran(previous);
    }

    private static boolean ran(ContainerSnapshot run) {
        return run != null && run.progress() > 0 && !run.startFailed();
    }

    /** Whether the current run has ended, as far as is known. */
    boolean ended() {
        return lost != null || current != null && current.ended();
    }
}
