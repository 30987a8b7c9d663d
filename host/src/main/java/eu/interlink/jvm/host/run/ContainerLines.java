package eu.interlink.jvm.host.run;

import eu.interlink.jvm.api.wire.PodStatus;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A pod status as one line per container, init containers first, such as {@code main: waiting (ContainerCreating:
 * waiting for image busybox)}; two statuses that read the same are the same to a person watching.
 */
public final class ContainerLines {

    private ContainerLines() {
    }

    /** Each container's line, keyed by its name, in the status's order; init containers' names start with {@code init:}. */
    public static Map<String, String> of(PodStatus status) {
        Map<String, String> lines = new LinkedHashMap<>();
        status.initContainers().forEach(container -> lines.put("init:" + container.getName(), describe(container)));
        status.containers().forEach(container -> lines.put(container.getName(), describe(container)));
        return lines;
    }

    /** The lines of {@code now} that differ from those of {@code before}, each as {@code name: state}. */
    public static Map<String, String> changes(Map<String, String> before, Map<String, String> now) {
        Map<String, String> changed = new LinkedHashMap<>();
        now.forEach((name, line) -> {
            if (!Objects.equals(before.get(name), line)) {
                changed.put(name, line);
            }
        });
        return changed;
    }

    private static String describe(ContainerStatus container) {
        ContainerState state = container.getState();
        String restarts = container.getRestartCount() == null || container.getRestartCount() == 0 ? ""
                : ", restarted " + container.getRestartCount() + "×";
        if (state == null || state.getWaiting() == null && state.getRunning() == null && state.getTerminated() == null) {
            return "no state" + restarts;
        }
        if (state.getRunning() != null) {
            return (Boolean.TRUE.equals(container.getReady()) ? "running, ready" : "running") + restarts;
        }
        if (state.getTerminated() != null) {
            ContainerStateTerminated end = state.getTerminated();
            return "terminated with exit code " + end.getExitCode() + detail(end.getReason(), end.getMessage())
                    + restarts;
        }
        ContainerStateWaiting waiting = state.getWaiting();
        return "waiting" + detail(waiting.getReason(), waiting.getMessage()) + restarts;
    }

    private static String detail(String reason, String message) {
        boolean hasReason = reason != null && !reason.isBlank();
        boolean hasMessage = message != null && !message.isBlank();
        if (!hasReason && !hasMessage) {
            return "";
        }
        if (hasReason && hasMessage) {
            return " (" + reason + ": " + message.strip() + ")";
        }
        return " (" + (hasReason ? reason : message.strip()) + ")";
    }
}
