package eu.interlink.jvm.docker.status;

import static org.assertj.core.api.Assertions.assertThat;

import eu.interlink.jvm.docker.lifecycle.ContainerRuns;
import eu.interlink.jvm.docker.lifecycle.ContainerSnapshot;
import eu.interlink.jvm.docker.lifecycle.Reason;
import eu.interlink.jvm.docker.lifecycle.SandboxLost;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContainerStatusMapperTest {

    private static final Container SPEC = new ContainerBuilder().withName("main").withImage("busybox:1.36").build();
    private static final Instant STARTED = Instant.parse("2026-07-14T10:00:00.123456789Z");
    private static final Instant FINISHED = Instant.parse("2026-07-14T10:00:05.5Z");

    private static final ContainerRuns NEVER_RESTARTED = new ContainerRuns("abc123", 0, null, null, null, null);

    private static ContainerSnapshot docker(String status, long exitCode, boolean oomKilled, String error,
            Instant startedAt, Instant finishedAt) {
        return new ContainerSnapshot("abc123", "sha256:feed", status, exitCode, oomKilled, error, startedAt,
                finishedAt);
    }

    private static ContainerStatus fromDocker(ContainerSnapshot docker) {
        return ContainerStatusMapper.fromDocker(SPEC, docker, NEVER_RESTARTED, null);
    }

    @Test
    void aRunningContainerIsRunningAndReadySinceItsStart() {
        ContainerStatus status = fromDocker(docker("running", 0, false, null, STARTED, null));

        assertThat(status.getState().getRunning().getStartedAt()).isEqualTo("2026-07-14T10:00:00Z");
        assertThat(status.getState().getWaiting()).isNull();
        assertThat(status.getState().getTerminated()).isNull();
        assertThat(status.getReady()).isTrue();
        assertThat(status.getStarted()).isTrue();
        assertThat(status.getName()).isEqualTo("main");
        assertThat(status.getImage()).isEqualTo("busybox:1.36");
        assertThat(status.getImageID()).isEqualTo("docker://sha256:feed");
        assertThat(status.getContainerID()).isEqualTo("docker://abc123");
        assertThat(status.getRestartCount()).isZero();
        assertThat(status.getLastState()).isNull();
    }

    @Test
    void aContainerThatExitedWithZeroCompleted() {
        ContainerStatus status = fromDocker(docker("exited", 0, false, null, STARTED, FINISHED));

        assertThat(status.getState().getTerminated().getExitCode()).isZero();
        assertThat(status.getState().getTerminated().getReason()).isEqualTo("Completed");
        assertThat(status.getState().getTerminated().getStartedAt()).isEqualTo("2026-07-14T10:00:00Z");
        assertThat(status.getState().getTerminated().getFinishedAt()).isEqualTo("2026-07-14T10:00:05Z");
        assertThat(status.getReady()).isFalse();
    }

    @Test
    void aContainerThatExitedWithAnotherCodeIsAnError() {
        ContainerStatus status = fromDocker(docker("exited", 3, false, null, STARTED, FINISHED));

        assertThat(status.getState().getTerminated().getExitCode()).isEqualTo(3);
        assertThat(status.getState().getTerminated().getReason()).isEqualTo("Error");
    }

    @Test
    void aContainerKilledForMemoryIsOomKilled() {
        ContainerStatus status = fromDocker(docker("exited", 137, true, null, STARTED, FINISHED));

        assertThat(status.getState().getTerminated().getReason()).isEqualTo("OOMKilled");
        assertThat(status.getState().getTerminated().getExitCode()).isEqualTo(137);
    }

    @Test
    void aContainerWhoseStartFailedEndedWithStartErrorAndDockersMessage() {
        String error = "exec: \"nope\": executable file not found in $PATH";
        ContainerStatus status = fromDocker(docker("created", 127, false, error, null, FINISHED));

        assertThat(status.getState().getTerminated().getReason()).isEqualTo("StartError");
        assertThat(status.getState().getTerminated().getExitCode()).isEqualTo(127);
        assertThat(status.getState().getTerminated().getMessage()).isEqualTo(error);
        assertThat(status.getState().getTerminated().getStartedAt()).isNull();
    }

    @Test
    void aCreatedContainerWaits() {
        ContainerStatus status = fromDocker(docker("created", 0, false, null, null, null));

        assertThat(status.getState().getWaiting().getReason()).isEqualTo("ContainerCreating");
        assertThat(status.getReady()).isFalse();
    }

    @Test
    void noTimeIsAbsentNeverAnEmptyString() {
        ContainerStatus status = fromDocker(docker("exited", 1, false, null, null, null));
        assertThat(status.getState().getTerminated().getStartedAt()).isNull();
        assertThat(status.getState().getTerminated().getFinishedAt()).isNull();
    }

    @Test
    void aContainerWithoutDockerContainerWaitsOrEndsWithTheGivenReason() {
        ContainerStatus waiting = ContainerStatusMapper.waiting(SPEC, "ContainerCreating", "building sandbox");
        ContainerStatus ended = ContainerStatusMapper.terminatedWithoutContainer(SPEC, "ErrImagePull", "no such image");

        assertThat(waiting.getState().getWaiting().getReason()).isEqualTo("ContainerCreating");
        assertThat(waiting.getState().getWaiting().getMessage()).isEqualTo("building sandbox");
        assertThat(waiting.getContainerID()).isNull();
        assertThat(ended.getState().getTerminated().getExitCode()).isEqualTo(1);
        assertThat(ended.getState().getTerminated().getReason()).isEqualTo("ErrImagePull");
        assertThat(ended.getState().getTerminated().getMessage()).isEqualTo("no such image");
        assertThat(ended.getState().getTerminated().getStartedAt()).isNull();
        assertThat(ended.getName()).isEqualTo("main");
        assertThat(ended.getImage()).isEqualTo("busybox:1.36");
    }

    @Test
    void aRunThatEndedAndIsToRunAgainWaitsWithThePausesReasonAndIsTheLastStateNeverTerminated() {
        ContainerRuns restartedOnce = new ContainerRuns("abc123", 1, docker("exited", 2, false, null, null, null),
                Duration.ofSeconds(10), null, null);
        Reason pause = new Reason("CrashLoopBackOff", "back-off 20s restarting failed container=main pod=ns/p");

        ContainerStatus status = ContainerStatusMapper.fromDocker(SPEC,
                docker("exited", 1, false, null, STARTED, FINISHED), restartedOnce, pause);

        assertThat(status.getState().getTerminated()).isNull();
        assertThat(status.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
        assertThat(status.getState().getWaiting().getMessage())
                .isEqualTo("back-off 20s restarting failed container=main pod=ns/p");
        assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(1);
        assertThat(status.getLastState().getTerminated().getReason()).isEqualTo("Error");
        assertThat(status.getLastState().getTerminated().getStartedAt()).isEqualTo("2026-07-14T10:00:00Z");
        assertThat(status.getLastState().getTerminated().getFinishedAt()).isEqualTo("2026-07-14T10:00:05Z");
        assertThat(status.getRestartCount()).isEqualTo(1);
        assertThat(status.getReady()).isFalse();
    }

    @Test
    void aRestartedRunCountsItsRestartsAndHasThePreviousRunAsItsLastState() {
        ContainerRuns restartedTwice = new ContainerRuns("def456", 2,
                docker("exited", 137, true, null, STARTED, FINISHED), Duration.ofSeconds(20), null, null);

        ContainerStatus status = ContainerStatusMapper.fromDocker(SPEC,
                docker("running", 0, false, null, FINISHED, null), restartedTwice, null);

        assertThat(status.getState().getRunning().getStartedAt()).isEqualTo("2026-07-14T10:00:05Z");
        assertThat(status.getRestartCount()).isEqualTo(2);
        assertThat(status.getLastState().getTerminated().getReason()).isEqualTo("OOMKilled");
        assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(137);
    }

    @Test
    void aTerminationMessageIsTheTerminatedMessageAfterDockersErrorIfAny() {
        ContainerSnapshot exited = new ContainerSnapshot("abc123", "sha256:feed", "exited", 3, false, null, STARTED,
                FINISHED, "bye\n");
        ContainerSnapshot withError = new ContainerSnapshot("abc123", "sha256:feed", "exited", 3, false, "oops",
                STARTED, FINISHED, "bye");

        assertThat(fromDocker(exited).getState().getTerminated().getMessage()).isEqualTo("bye\n");
        assertThat(fromDocker(withError).getState().getTerminated().getMessage()).isEqualTo("oops: bye");
    }

    @Test
    void aContainerEndedByTheActiveDeadlineIsTerminatedWithDeadlineExceeded() {
        Instant deadline = Instant.parse("2026-07-14T10:00:03Z");
        ContainerRuns killed = new ContainerRuns("abc123", 0, null, null,
                docker("exited", 143, false, null, STARTED, FINISHED), null);
        ContainerRuns stillStopping = new ContainerRuns("abc123", 0, null, null,
                docker("running", 0, false, null, STARTED, null), null);

        ContainerStatus ended = ContainerStatusMapper.deadlineExceeded(SPEC, killed, deadline);
        ContainerStatus stopping = ContainerStatusMapper.deadlineExceeded(SPEC, stillStopping, deadline);
        ContainerStatus neverRan = ContainerStatusMapper.deadlineExceeded(SPEC, null, deadline);

        assertThat(List.of(ended, stopping, neverRan)).allSatisfy(status -> {
            assertThat(status.getState().getTerminated().getReason()).isEqualTo("DeadlineExceeded");
            assertThat(status.getState().getTerminated().getMessage())
                    .isEqualTo("Pod was active on the node longer than the specified deadline");
            assertThat(status.getReady()).isFalse();
        });
        assertThat(ended.getState().getTerminated().getExitCode()).isEqualTo(143);
        assertThat(ended.getState().getTerminated().getFinishedAt()).isEqualTo("2026-07-14T10:00:05Z");
        assertThat(stopping.getState().getTerminated().getExitCode()).isEqualTo(137);
        assertThat(stopping.getState().getTerminated().getFinishedAt()).isEqualTo("2026-07-14T10:00:03Z");
        assertThat(stopping.getContainerID()).isEqualTo("docker://abc123");
        assertThat(neverRan.getContainerID()).isNull();
        assertThat(neverRan.getState().getTerminated().getExitCode()).isEqualTo(1);
    }

    @Test
    void aContainerWhoseSandboxDiedIsTerminatedAsKubeletReportsAContainerItLost() {
        SandboxLost lost = new SandboxLost(Instant.parse("2026-07-14T10:00:03Z"),
                "sandbox 3f2a died: its container interlink-sandbox-3f2a exited with code 137", Set.of("main"));
        ContainerRuns running = new ContainerRuns("abc123", 2, null, null,
                docker("running", 0, false, null, STARTED, null), null);

        ContainerStatus wasRunning = ContainerStatusMapper.sandboxLost(SPEC, running, lost);
        ContainerStatus neverRan = ContainerStatusMapper.sandboxLost(SPEC, null, lost);

        assertThat(List.of(wasRunning, neverRan)).allSatisfy(status -> {
            assertThat(status.getState().getTerminated().getReason()).isEqualTo("ContainerStatusUnknown");
            assertThat(status.getState().getTerminated().getExitCode()).isEqualTo(137);
            assertThat(status.getState().getTerminated().getMessage()).isEqualTo(lost.message());
            assertThat(status.getState().getTerminated().getFinishedAt()).isEqualTo("2026-07-14T10:00:03Z");
            assertThat(status.getReady()).isFalse();
        });
        assertThat(wasRunning.getState().getTerminated().getStartedAt()).isEqualTo("2026-07-14T10:00:00Z");
        assertThat(wasRunning.getContainerID()).isEqualTo("docker://abc123");
        assertThat(wasRunning.getRestartCount()).isEqualTo(2);
        assertThat(neverRan.getContainerID()).isNull();
    }
}
