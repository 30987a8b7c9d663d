package eu.interlink.jvm.docker.status;

import eu.interlink.jvm.api.wire.KubeTime;
import eu.interlink.jvm.docker.lifecycle.ContainerRuns;
import eu.interlink.jvm.docker.lifecycle.ContainerSnapshot;
import eu.interlink.jvm.docker.lifecycle.DeadlineExceeded;
import eu.interlink.jvm.docker.lifecycle.Reason;
import eu.interlink.jvm.docker.lifecycle.SandboxLost;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import java.time.Instant;

/**
 * Turns what Docker says about a container into the Kubernetes container status interLink copies into the pod.
 *
 * <p>Docker's {@code running} and {@code paused} are {@code running}; {@code exited}, {@code dead} and
 * {@code removing} are {@code terminated} with reason {@code OOMKilled}, {@code Completed} (exit code 0) or
 * {@code Error}; {@code created} is {@code waiting}, unless the start failed, which is {@code terminated} with reason
 * {@code StartError}; {@code restarting} is {@code waiting} with reason {@code CrashLoopBackOff}. A run that ended and
 * pauses before its restart is {@code waiting} with the pause's reason, never {@code terminated} (interLink would end
 * the pod), and is the last state; otherwise the previous run, if any, is. Times are RFC 3339 or absent, never empty.
 */
public final class ContainerStatusMapper {

    /** The exit code of a container that ended without a Docker container, as interLink reports a failed pod. */
    public static final int NO_CONTAINER_EXIT_CODE = 1;
    /** The exit code of a process ended by SIGKILL (128 + 9), as runtimes report it. */
    private static final int KILLED_EXIT_CODE = 137;

    private ContainerStatusMapper() {
    }

    /**
     * The status of a spec container from its current run's Docker container.
     *
     * @param runs  its runs: the restart count and the previous run
     * @param pause why it waits to run again, when its current run ended and it is to be restarted; else null
     */
    public static ContainerStatus fromDocker(Container spec, ContainerSnapshot docker, ContainerRuns runs, Reason pause) {
        ContainerState state = pause != null ? waitingState(pause.reason(), pause.message()) : stateOf(docker);
        ContainerSnapshot last = pause != null ? docker : runs.previous();
        boolean running = state.getRunning() != null;
        return new ContainerStatusBuilder()
                .withName(spec.getName())
                .withImage(spec.getImage())
                .withImageID(docker.imageId() == null ? null : "docker://" + docker.imageId())
                .withContainerID("docker://" + docker.containerId())
                .withRestartCount(runs.restartCount())
                .withLastState(last == null ? null : ended(last))
                .withReady(running)
                .withStarted(running)
                .withState(state)
                .build();
    }

    /**
     * A spec container whose current run has a Docker container, but waits: the run has not been seen started yet,
     * or what is known of it may be out of date. Its restarts and previous run are still told.
     */
    public static ContainerStatus waitingRun(Container spec, ContainerRuns runs, Reason why) {
        ContainerSnapshot previous = runs.previous();
        return new ContainerStatusBuilder(withoutContainer(spec, waitingState(why.reason(), why.message())))
                .withContainerID("docker://" + runs.containerId())
                .withRestartCount(runs.restartCount())
                .withLastState(previous == null ? null : ended(previous))
                .build();
    }

    /**
     * A spec container that the pod's active deadline ended: with the exit code and end of its current run once that
     * is seen ended, else with SIGKILL's exit code and the deadline's time.
     *
     * @param runs its runs, or null when it never had a Docker container
     * @param at   when the deadline passed
     */
    public static ContainerStatus deadlineExceeded(Container spec, ContainerRuns runs, Instant at) {
        return endedByPod(spec, runs, at, NO_CONTAINER_EXIT_CODE, DeadlineExceeded.REASON, DeadlineExceeded.MESSAGE);
    }

    /**
     * A spec container that its sandbox's death ended, as kubelet reports a container it lost: with the exit code and
     * end of its current run once that was seen ended, else with SIGKILL's exit code and the death's time.
     *
     * @param runs its runs, or null when it never had a Docker container
     */
    public static ContainerStatus sandboxLost(Container spec, ContainerRuns runs, SandboxLost lost) {
        return endedByPod(spec, runs, lost.at(), KILLED_EXIT_CODE, SandboxLost.REASON, lost.message());
    }

    /**
     * A spec container that something that befell its whole pod ended at this time.
     *
     * @param runs                 its runs, or null when it never had a Docker container
     * @param exitCodeNeverCreated the exit code of a container that never had a Docker container
     */
    private static ContainerStatus endedByPod(Container spec, ContainerRuns runs, Instant at, int exitCodeNeverCreated,
            String reason, String message) {
        if (runs == null) {
            return withoutContainer(spec, terminated(exitCodeNeverCreated, reason, message, null, at));
        }
        ContainerSnapshot run = runs.current();
        boolean ended = run != null && run.ended() && run.finishedAt() != null;
        ContainerSnapshot previous = runs.previous();
        return new ContainerStatusBuilder()
                .withName(spec.getName())
                .withImage(spec.getImage())
                .withImageID(run == null || run.imageId() == null ? null : "docker://" + run.imageId())
                .withContainerID("docker://" + runs.containerId())
                .withRestartCount(runs.restartCount())
                .withLastState(previous == null ? null : ended(previous))
                .withReady(false)
                .withStarted(false)
                .withState(terminated(ended ? run.exitStatus() : KILLED_EXIT_CODE, reason, message,
                        run == null ? null : run.startedAt(), ended ? run.finishedAt() : at))
                .build();
    }

    /** A spec container that has no Docker container yet, and waits. */
    public static ContainerStatus waiting(Container spec, String reason, String message) {
        return withoutContainer(spec, waitingState(reason, message));
    }

    /** A spec container that has ended without a Docker container: it never ran, or its container is gone. */
    public static ContainerStatus terminatedWithoutContainer(Container spec, String reason, String message) {
        return withoutContainer(spec, terminated(NO_CONTAINER_EXIT_CODE, reason, message, null, null));
    }

    private static ContainerStatus withoutContainer(Container spec, ContainerState state) {
        return new ContainerStatusBuilder()
                .withName(spec.getName())
                .withImage(spec.getImage())
                .withRestartCount(0)
                .withReady(false)
                .withStarted(false)
                .withState(state)
                .build();
    }

    private static ContainerState stateOf(ContainerSnapshot docker) {
        if (docker.ended()) {
            return ended(docker);
        }
        return switch (docker.status()) {
            case "running", "paused" -> new ContainerStateBuilder()
                    .withNewRunning(KubeTime.format(docker.startedAt())).build();
            case "restarting" -> waitingState("CrashLoopBackOff", "Docker is restarting the container");
            case "created" -> waitingState("ContainerCreating", "starting container");
            default -> waitingState("ContainerCreating", "Docker reports the container as " + docker.status());
        };
    }

    /** A run that has ended, as the last state: named by its container id, as kubelet names it. */
    private static ContainerState ended(ContainerSnapshot docker) {
        ContainerState state = docker.startFailed()
                ? terminated(docker.exitStatus(), "StartError", docker.error(), null, docker.finishedAt())
                : terminated(docker.exitCode(), terminationReason(docker), message(docker), docker.startedAt(),
                        docker.finishedAt());
        state.getTerminated().setContainerID("docker://" + docker.containerId());
        return state;
    }

    /** Docker's error and the run's termination message, joined as kubelet joins them. */
    private static String message(ContainerSnapshot docker) {
        if (docker.terminationMessage() == null) {
            return docker.error();
        }
        String message = docker.terminationMessage();
        return docker.error() == null ? message : docker.error() + ": " + message;
    }

    private static String terminationReason(ContainerSnapshot docker) {
        if (docker.oomKilled()) {
            return "OOMKilled";
        }
        return docker.exitCode() == 0 ? "Completed" : "Error";
    }

    private static ContainerState waitingState(String reason, String message) {
        return new ContainerStateBuilder().withNewWaiting().withReason(reason).withMessage(message).endWaiting().build();
    }

    private static ContainerState terminated(long exitCode, String reason, String message, Instant startedAt,
            Instant finishedAt) {
        return new ContainerStateBuilder().withNewTerminated()
                .withExitCode((int) exitCode)
                .withReason(reason)
                .withMessage(message)
                .withStartedAt(KubeTime.format(startedAt))
                .withFinishedAt(KubeTime.format(finishedAt))
                .endTerminated()
                .build();
    }
}
