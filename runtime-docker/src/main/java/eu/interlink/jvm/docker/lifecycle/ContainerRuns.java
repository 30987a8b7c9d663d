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
 */
public record ContainerRuns(String containerId, int restartCount, ContainerSnapshot previous, Duration pause) {

    static ContainerRuns first(String containerId) {
        return new ContainerRuns(containerId, 0, null, null);
    }

    ContainerRuns restarted(String newContainerId, ContainerSnapshot ended, Duration pausedFor) {
        return new ContainerRuns(newContainerId, restartCount + 1, ended, pausedFor);
    }

    /** A restart that failed before its run began: the next try waits longer. */
    ContainerRuns pausedAgain(Duration pausedFor) {
        return new ContainerRuns(containerId, restartCount, previous, pausedFor);
    }
}
