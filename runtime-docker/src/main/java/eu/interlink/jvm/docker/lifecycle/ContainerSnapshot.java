package eu.interlink.jvm.docker.lifecycle;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What Docker says about one container, reduced to what a Kubernetes container status and a restart need.
 *
 * @param containerId  the Docker container id
 * @param imageId      the id of the image it runs ({@code sha256:...}), or null
 * @param status       Docker's state: {@code created}, {@code running}, {@code paused}, {@code restarting},
 *                     {@code removing}, {@code exited} or {@code dead}
 * @param exitCode     the exit code, once it stopped (Docker records 126-128 for a start that failed)
 * @param oomKilled    whether the kernel killed it for memory
 * @param error        Docker's error for a start that failed, or null
 * @param startedAt    when it started, or null
 * @param finishedAt   when it stopped, or null
 * @param terminationMessage what the run left as its termination message ({@link TerminationMessages}), or null
 */
public record ContainerSnapshot(
        String containerId,
        String imageId,
        String status,
        long exitCode,
        boolean oomKilled,
        String error,
        Instant startedAt,
        Instant finishedAt,
        String terminationMessage) {

    /** A snapshot without a termination message: one of a run that has not ended, or before its message is read. */
    public ContainerSnapshot(String containerId, String imageId, String status, long exitCode, boolean oomKilled,
            String error, Instant startedAt, Instant finishedAt) {
        this(containerId, imageId, status, exitCode, oomKilled, error, startedAt, finishedAt, null);
    }

    /** The exit code of a container whose start failed when Docker recorded none. */
    private static final int START_FAILED_EXIT_CODE = 128;

    /** The snapshot in an inspect answer. */
    public static ContainerSnapshot of(InspectContainerResponse inspect) {
        InspectContainerResponse.ContainerState state = inspect.getState();
        return new ContainerSnapshot(
                inspect.getId(),
                inspect.getImageId(),
                state.getStatus(),
                state.getExitCodeLong() == null ? 0 : state.getExitCodeLong(),
                Boolean.TRUE.equals(state.getOOMKilled()),
                state.getError() == null || state.getError().isBlank() ? null : state.getError(),
                time(state.getStartedAt()),
                time(state.getFinishedAt()));
    }

    /** The same snapshot with the run's termination message. */
    ContainerSnapshot withTerminationMessage(String message) {
        return new ContainerSnapshot(containerId, imageId, status, exitCode, oomKilled, error, startedAt, finishedAt,
                message);
    }

    /** Whether it ran and exited, as opposed to a start that failed: only such a run has a termination message. */
    boolean exited() {
        return switch (status) {
            case "exited", "dead", "removing" -> true;
            default -> false;
        };
    }

    /** Whether SIGKILL ended it (exit code 137) and Docker has not said that the kernel's OOM killer sent it. */
    boolean killedButNotForMemory() {
        return exited() && exitCode == 137 && !oomKilled;
    }

    /** Whether its start failed: it was created and never ran. */
    public boolean startFailed() {
        return "created".equals(status) && error != null;
    }

    /** Whether its run is over: it exited, or its start failed. */
    public boolean ended() {
        return exited() || startFailed();
    }

    /**
     * How far its run has come: 0 created, 1 running (or paused, or restarting), 2 ended. A run only goes forward, so
     * of two snapshots of one container, the one that has come further is the later.
     */
    public int progress() {
        if (ended()) {
            return 2;
        }
        return "created".equals(status) ? 0 : 1;
    }

    /** How its run ended: its exit code, never 0 for a start that failed. */
    public long exitStatus() {
        return startFailed() && exitCode == 0 ? START_FAILED_EXIT_CODE : exitCode;
    }

    /** How long its run lasted, once it ended; zero when Docker does not say. */
    Duration ranFor() {
        return startedAt == null || finishedAt == null ? Duration.ZERO : Duration.between(startedAt, finishedAt);
    }

    /** Docker's RFC 3339 time, or null for none: Docker writes {@code 0001-01-01T00:00:00Z} for "never". */
    static Instant time(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            Instant instant = Instant.parse(text);
            return instant.isBefore(Instant.EPOCH) ? null : instant;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
