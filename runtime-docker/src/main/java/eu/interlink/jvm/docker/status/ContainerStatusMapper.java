package eu.interlink.jvm.docker.status;

import eu.interlink.jvm.api.wire.KubeTime;
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
 * {@code StartError}; {@code restarting} is {@code waiting} with reason {@code CrashLoopBackOff}. Times are RFC 3339 or
 * absent, never empty.
 */
public final class ContainerStatusMapper {

    /** The exit code of a container that ended without a Docker container, as interLink reports a failed pod. */
    public static final int NO_CONTAINER_EXIT_CODE = 1;

    private static final int START_FAILED_EXIT_CODE = 128;

    private ContainerStatusMapper() {
    }

    /** The status of a spec container from its Docker container. */
    public static ContainerStatus fromDocker(Container spec, ContainerSnapshot docker) {
        ContainerState state = switch (docker.status()) {
            case "running", "paused" -> new ContainerStateBuilder()
                    .withNewRunning(KubeTime.format(docker.startedAt())).build();
            case "exited", "dead", "removing" -> terminated(docker.exitCode(), terminationReason(docker),
                    docker.error(), docker.startedAt(), docker.finishedAt());
            case "restarting" -> waitingState("CrashLoopBackOff", "Docker is restarting the container");
            case "created" -> docker.error() == null
                    ? waitingState("ContainerCreating", "starting container")
                    : terminated(docker.exitCode() != 0 ? docker.exitCode() : START_FAILED_EXIT_CODE, "StartError",
                            docker.error(), null, docker.finishedAt());
            default -> waitingState("ContainerCreating", "Docker reports the container as " + docker.status());
        };
        boolean running = state.getRunning() != null;
        return new ContainerStatusBuilder()
                .withName(spec.getName())
                .withImage(spec.getImage())
                .withImageID(docker.imageId() == null ? null : "docker://" + docker.imageId())
                .withContainerID("docker://" + docker.containerId())
                .withRestartCount(docker.restartCount())
                .withReady(running)
                .withStarted(running)
                .withState(state)
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
