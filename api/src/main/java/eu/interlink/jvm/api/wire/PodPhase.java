package eu.interlink.jvm.api.wire;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import java.util.List;

/**
 * A pod's phase as Kubernetes names it, read from the status the runtime reports, by the rules interLink's virtual
 * kubelet applies to it: once every regular container has terminated the pod has ended, {@link #FAILED} when any
 * container, init or regular, terminated with a code other than 0, else {@link #SUCCEEDED}; until then it is
 * {@link #RUNNING} once a regular container runs, or has run and waits to run again (as kubelet counts a pod whose
 * container restarts); {@link #UNKNOWN} while a container's state cannot be known (its sandbox does not answer); else
 * {@link #PENDING}.
 */
public enum PodPhase {

    PENDING("Pending"),
    RUNNING("Running"),
    SUCCEEDED("Succeeded"),
    FAILED("Failed"),
    UNKNOWN("Unknown");

    /** The reason of a container whose state cannot be known now. */
    private static final String STATUS_UNKNOWN = "ContainerStatusUnknown";

    private final String label;

    PodPhase(String label) {
        this.label = label;
    }

    /** The phase as Kubernetes writes it, such as {@code Running}. */
    public String label() {
        return label;
    }

    /** The phase of a pod with this status. */
    public static PodPhase of(PodStatus status) {
        List<ContainerStatus> containers = status.containers();
        if (!containers.isEmpty() && containers.stream().allMatch(PodPhase::terminated)) {
            boolean failed = containers.stream().anyMatch(PodPhase::failed)
                    || status.initContainers().stream().anyMatch(PodPhase::failed);
            return failed ? FAILED : SUCCEEDED;
        }
        if (containers.stream().anyMatch(PodPhase::unknown)) {
            return UNKNOWN;
        }
        return containers.stream().anyMatch(PodPhase::runningOrRestarting) ? RUNNING : PENDING;
    }

    private static boolean terminated(ContainerStatus container) {
        return container.getState() != null && container.getState().getTerminated() != null;
    }

    private static boolean failed(ContainerStatus container) {
        return terminated(container) && container.getState().getTerminated().getExitCode() != null
                && container.getState().getTerminated().getExitCode() != 0;
    }

    private static boolean unknown(ContainerStatus container) {
        ContainerState state = container.getState();
        return state != null && state.getWaiting() != null && STATUS_UNKNOWN.equals(state.getWaiting().getReason());
    }

    private static boolean runningOrRestarting(ContainerStatus container) {
        ContainerState state = container.getState();
        ContainerState last = container.getLastState();
        return state != null && state.getRunning() != null || last != null && last.getTerminated() != null;
    }
}
