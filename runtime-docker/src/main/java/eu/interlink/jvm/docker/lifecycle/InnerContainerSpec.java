package eu.interlink.jvm.docker.lifecycle;

import eu.interlink.jvm.docker.engine.Labels;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes container as the inner engine runs it, argv exactly as Kubernetes means it: {@code command} replaces
 * the image's ENTRYPOINT (and then its CMD is not used), {@code args} replaces its CMD.
 *
 * @param name       the container's name, also the inner container's name
 * @param image      the image, as the spec names it
 * @param entrypoint {@code command}, or null to keep the image's ENTRYPOINT
 * @param cmd        {@code args}, or null to keep the image's CMD (unless {@code command} is set)
 * @param env        {@code NAME=value} for each {@code env} value, in order (the validator refuses {@code valueFrom})
 * @param workingDir {@code workingDir}, or null for the image's
 * @param labels     the labels of the inner container
 */
public record InnerContainerSpec(
        String name,
        String image,
        List<String> entrypoint,
        List<String> cmd,
        List<String> env,
        String workingDir,
        Map<String, String> labels) {

    /** The spec of a pod's container. */
    public static InnerContainerSpec of(PodIdentity pod, Container container) {
        Map<String, String> labels = new HashMap<>();
        labels.put(Labels.ROLE, Labels.ROLE_POD_CONTAINER);
        labels.put(Labels.POD_UID, pod.uid());
        labels.put(Labels.CONTAINER_NAME, container.getName());
        String workingDir = container.getWorkingDir();
        return new InnerContainerSpec(
                container.getName(),
                container.getImage(),
                emptyToNull(container.getCommand()),
                emptyToNull(container.getArgs()),
                env(container.getEnv()),
                workingDir == null || workingDir.isBlank() ? null : workingDir,
                Map.copyOf(labels));
    }

    private static List<String> env(List<EnvVar> env) {
        List<String> pairs = new ArrayList<>();
        if (env != null) {
            for (EnvVar variable : env) {
                pairs.add(variable.getName() + "=" + (variable.getValue() == null ? "" : variable.getValue()));
            }
        }
        return List.copyOf(pairs);
    }

    private static List<String> emptyToNull(List<String> list) {
        return list == null || list.isEmpty() ? null : List.copyOf(list);
    }
}
