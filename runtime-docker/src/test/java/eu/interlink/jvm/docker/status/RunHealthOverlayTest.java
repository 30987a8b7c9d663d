package eu.interlink.jvm.docker.status;

import static org.assertj.core.api.Assertions.assertThat;

import eu.interlink.jvm.docker.lifecycle.ContainerRuns;
import eu.interlink.jvm.docker.lifecycle.ContainerSnapshot;
import eu.interlink.jvm.docker.lifecycle.Reason;
import eu.interlink.jvm.docker.lifecycle.RunHealth;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunHealthOverlayTest {

    private static final Container SPEC = new ContainerBuilder().withName("main").withImage("busybox").build();
    private static final Instant STARTED = Instant.parse("2026-07-14T10:00:00Z");
    private static final ContainerSnapshot RUNNING = new ContainerSnapshot("run2", "sha256:feed", "running", 0, false,
            null, STARTED, null);
    private static final ContainerSnapshot KILLED = new ContainerSnapshot("run1", "sha256:feed", "exited", 137, false,
            null, STARTED, STARTED.plusSeconds(4));
    private static final Reason PROBES = new Reason("Waiting for probes to be ready.", "Readiness probe failed: no");

    @Test
    void aRunningRunThatIsNotReadyIsWaitingForProbesWithItsRealStartInTheMessage() {
        ContainerStatus status = RunHealthOverlay.apply(running(), new RunHealth(true, false, PROBES, null), null);

        assertThat(status.getState().getRunning()).isNull();
        assertThat(status.getState().getWaiting().getReason()).isEqualTo("Waiting for probes to be ready.");
        assertThat(status.getState().getWaiting().getMessage())
                .isEqualTo("Readiness probe failed: no; running since 2026-07-14T10:00:00Z");
        assertThat(status.getReady()).isFalse();
        assertThat(status.getStarted()).isTrue();
    }

    @Test
    void aRunningRunThatIsReadyStaysRunning() {
        ContainerStatus status = RunHealthOverlay.apply(running(), new RunHealth(true, true, null, null), null);

        assertThat(status).isEqualTo(running());
    }

    @Test
    void aKilledRunIsExplainedAsItsStateAndLaterAsTheLastState() {
        Reason postStart = new Reason("PostStartHookError", "PostStart hook failed: exec false exited with code 1");
        ContainerRuns ended = new ContainerRuns("run1", 0, null, null, KILLED, null);
        ContainerStatus terminated = RunHealthOverlay.apply(ContainerStatusMapper.fromDocker(SPEC, KILLED, ended, null),
                new RunHealth(true, false, postStart, postStart), null);

        assertThat(terminated.getState().getTerminated().getReason()).isEqualTo("PostStartHookError");
        assertThat(terminated.getState().getTerminated().getMessage()).isEqualTo(postStart.message());
        assertThat(terminated.getState().getTerminated().getExitCode()).isEqualTo(137);

        Reason liveness = new Reason(null, "Liveness probe failed: no; the container was killed");
        ContainerRuns restarted = new ContainerRuns("run2", 1, KILLED, Duration.ofSeconds(10), RUNNING, null);
        ContainerStatus later = RunHealthOverlay.apply(ContainerStatusMapper.fromDocker(SPEC, RUNNING, restarted, null),
                null, liveness);

        assertThat(later.getLastState().getTerminated().getReason()).as("the run's own reason").isEqualTo("Error");
        assertThat(later.getLastState().getTerminated().getMessage()).isEqualTo(liveness.message());
        assertThat(later.getState().getRunning()).isNotNull();
    }

    private static ContainerStatus running() {
        return ContainerStatusMapper.fromDocker(SPEC, RUNNING, new ContainerRuns("run2", 0, null, null, RUNNING, null),
                null);
    }
}
