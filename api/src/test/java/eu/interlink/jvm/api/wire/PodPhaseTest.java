package eu.interlink.jvm.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pod's phase, read from its reported status as interLink's virtual kubelet reads it. */
class PodPhaseTest {

    @Test
    void aPodWhoseContainersWaitIsPending() {
        assertThat(PodPhase.of(pod(List.of(), waiting("ContainerCreating"), waiting("ContainerCreating"))))
                .isEqualTo(PodPhase.PENDING);
    }

    @Test
    void aPodWhoseInitContainerRunsIsPending() {
        assertThat(PodPhase.of(pod(List.of(running()), waiting("PodInitializing")))).isEqualTo(PodPhase.PENDING);
    }

    @Test
    void aPodWithOneRunningContainerIsRunningEvenWhenAnotherHasEnded() {
        assertThat(PodPhase.of(pod(List.of(), running(), waiting("ContainerCreating")))).isEqualTo(PodPhase.RUNNING);
        assertThat(PodPhase.of(pod(List.of(), running(), terminated(0)))).isEqualTo(PodPhase.RUNNING);
    }

    @Test
    void aPodWhoseContainerWaitsToRestartIsRunning() {
        ContainerStatus crashLooping = new ContainerStatusBuilder(waiting("CrashLoopBackOff"))
                .withLastState(terminated(1).getState()).build();

        assertThat(PodPhase.of(pod(List.of(), crashLooping))).isEqualTo(PodPhase.RUNNING);
    }

    @Test
    void aPodWhoseSandboxDoesNotAnswerIsUnknown() {
        assertThat(PodPhase.of(pod(List.of(), running(), waiting("ContainerStatusUnknown"))))
                .isEqualTo(PodPhase.UNKNOWN);
    }

    @Test
    void aPodWhoseContainersAllExitedWithZeroSucceeded() {
        assertThat(PodPhase.of(pod(List.of(terminated(0)), terminated(0), terminated(0))))
                .isEqualTo(PodPhase.SUCCEEDED);
    }

    @Test
    void aPodWhoseContainersAllEndedFailedWhenAnyContainerInitOrRegularExitedWithAnotherCode() {
        assertThat(PodPhase.of(pod(List.of(), terminated(0), terminated(3)))).isEqualTo(PodPhase.FAILED);
        assertThat(PodPhase.of(pod(List.of(terminated(1)), terminated(0)))).isEqualTo(PodPhase.FAILED);
    }

    @Test
    void eachPhaseHasKubernetesName() {
        assertThat(List.of(PodPhase.values())).extracting(PodPhase::label)
                .containsExactly("Pending", "Running", "Succeeded", "Failed", "Unknown");
    }

    private static PodStatus pod(List<ContainerStatus> initContainers, ContainerStatus... containers) {
        return new PodStatus("p", "uid", "ns", "jid", List.of(containers), initContainers);
    }

    private static ContainerStatus running() {
        return status(new ContainerStateBuilder().withNewRunning().withStartedAt("2026-01-01T00:00:00Z").endRunning()
                .build());
    }

    private static ContainerStatus waiting(String reason) {
        return status(new ContainerStateBuilder().withNewWaiting().withReason(reason).endWaiting().build());
    }

    private static ContainerStatus terminated(int exitCode) {
        return status(new ContainerStateBuilder().withNewTerminated().withExitCode(exitCode).endTerminated().build());
    }

    private static ContainerStatus status(ContainerState state) {
        return new ContainerStatusBuilder().withName("c").withState(state).build();
    }
}
