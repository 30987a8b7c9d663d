package eu.interlink.jvm.host.run;

import eu.interlink.jvm.api.wire.PodPhase;
import eu.interlink.jvm.api.wire.PodStatus;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How a pod's run ended.
 *
 * @param status the last status seen
 * @param phase  its phase: {@link PodPhase#SUCCEEDED} or {@link PodPhase#FAILED} once the pod has ended
 */
public record RunResult(PodStatus status, PodPhase phase) {

    /**
     * The first container that failed, init containers first: the one whose exit code the run answers with.
     * Empty unless the pod failed.
     */
    public Optional<ContainerStatus> failedContainer() {
        if (phase != PodPhase.FAILED) {
            return Optional.empty();
        }
        return Stream.concat(status.initContainers().stream(), status.containers().stream())
                .filter(container -> exitCode(container).filter(code -> code != 0).isPresent())
                .findFirst();
    }

    /** 0 when the pod succeeded, else the failed container's exit code (1 when it has none). */
    public int exitCode() {
        if (phase == PodPhase.SUCCEEDED) {
            return 0;
        }
        return failedContainer().flatMap(RunResult::exitCode).orElse(1);
    }

    private static Optional<Integer> exitCode(ContainerStatus container) {
        return Optional.ofNullable(container.getState())
                .map(state -> state.getTerminated())
                .map(ContainerStateTerminated::getExitCode);
    }
}
