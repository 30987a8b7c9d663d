package eu.interlink.jvm.docker.lifecycle;

import eu.interlink.jvm.api.accelerator.DeviceExposure;
import eu.interlink.jvm.docker.engine.Labels;
import eu.interlink.jvm.docker.security.ContainerSecurity;
import eu.interlink.jvm.docker.spec.ContainerResources;
import eu.interlink.jvm.docker.spec.VarExpansion;
import eu.interlink.jvm.docker.volumes.ResolvedMount;
import io.fabric8.kubernetes.api.model.Container;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes container as the inner engine runs it, argv exactly as Kubernetes means it: {@code command} replaces
 * the image's ENTRYPOINT (and then its CMD is not used), {@code args} replaces its CMD, both with {@code $(VAR)}
 * references to the container's variables expanded.
 *
 * @param name       the inner container's name: the container's, and for a restart the restart count after it
 * @param image      the image, as the spec names it
 * @param entrypoint {@code command}, or null to keep the image's ENTRYPOINT
 * @param cmd        {@code args}, or null to keep the image's CMD (unless {@code command} is set)
 * @param env        {@code NAME=value} for each variable, in order
 * @param workingDir {@code workingDir}, or null for the image's
 * @param mounts     the volumes it mounts, as paths in the sandbox folder
 * @param resources  its cpu and memory limits and cpu weight
 * @param stdin      {@code stdin}: keep the container's standard input open, as a pipe
 * @param tty        {@code tty}: give the container a terminal
 * @param labels     the labels of the inner container
 * @param user       Docker's {@code User} ({@code uid}, {@code uid:gid}, {@code name:gid}), or null for the image's
 * @param security   its security settings
 * @param hostname   the pod's hostname, which every container of the pod has
 * @param devices    the device nodes it gets, at their paths inside the sandbox ({@link #withDevices})
 * @param deviceRequests the devices it gets through the inner engine's device driver
 */
public record InnerContainerSpec(
        String name,
        String image,
        List<String> entrypoint,
        List<String> cmd,
        List<String> env,
        String workingDir,
        List<ResolvedMount> mounts,
        ContainerResources resources,
        boolean stdin,
        boolean tty,
        Map<String, String> labels,
        String user,
        ContainerSecurity security,
        String hostname,
        List<DeviceExposure.DeviceNode> devices,
        List<DeviceExposure.DeviceRequest> deviceRequests) {

    /**
     * The spec of a pod's container.
     *
     * @param variables the container's environment, resolved ({@link eu.interlink.jvm.docker.spec.Environment})
     * @param mounts    its mounts, resolved ({@link eu.interlink.jvm.docker.volumes.VolumeWriter#resolve})
     * @param security  its security settings
     * @param user      Docker's {@code User} ({@link ContainerSecurity#dockerUser}), or null for the image's
     * @param hostname  the pod's hostname
     */
    public static InnerContainerSpec of(PodIdentity pod, Container container, Map<String, String> variables,
            List<ResolvedMount> mounts, ContainerSecurity security, String user, String hostname) {
        Map<String, String> labels = new HashMap<>();
        labels.put(Labels.ROLE, Labels.ROLE_POD_CONTAINER);
        labels.put(Labels.POD_UID, pod.uid());
        labels.put(Labels.CONTAINER_NAME, container.getName());
        labels.put(Labels.RESTART_COUNT, "0");
        String workingDir = container.getWorkingDir();
        return new InnerContainerSpec(
                dockerName(container.getName()),
                container.getImage(),
                expanded(container.getCommand(), variables),
                expanded(container.getArgs(), variables),
                variables.entrySet().stream().map(variable -> variable.getKey() + "=" + variable.getValue()).toList(),
                workingDir == null || workingDir.isBlank() ? null : workingDir,
                List.copyOf(mounts),
                ContainerResources.of(container),
                Boolean.TRUE.equals(container.getStdin()),
                Boolean.TRUE.equals(container.getTty()),
                Map.copyOf(labels),
                user,
                security,
                hostname,
                List.of(),
                List.of());
    }

    /**
     * The name of the container's first run: its own, but for a one-character name, which Kubernetes allows and
     * Docker does not (two characters at least), with {@code _0} after it, which no Kubernetes name can clash with.
     */
    private static String dockerName(String name) {
        return name.length() > 1 ? name : name + "_0";
    }

    /**
     * The spec of the container's run after this many restarts: each run has its own inner container, named after
     * the container with the count after an underscore, which no Kubernetes container name has.
     */
    InnerContainerSpec afterRestarts(int restartCount) {
        Map<String, String> runLabels = new HashMap<>(labels);
        runLabels.put(Labels.RESTART_COUNT, String.valueOf(restartCount));
        return new InnerContainerSpec(labels.get(Labels.CONTAINER_NAME) + "_" + restartCount, image, entrypoint, cmd, env, workingDir, mounts,
                resources, stdin, tty, Map.copyOf(runLabels), user, security, hostname, devices, deviceRequests);
    }

    /**
     * The spec with the devices the container holds, as their accelerators expose them: their nodes and mounts at the
     * paths the sandbox has them, or the same device requests as the sandbox's, and their variables, which win over
     * the container's own of the same names.
     */
    InnerContainerSpec withDevices(List<DeviceExposure> exposures) {
        if (exposures.isEmpty()) {
            return this;
        }
        Map<String, String> deviceVariables = new LinkedHashMap<>();
        exposures.forEach(exposure -> deviceVariables.putAll(exposure.environment()));
        List<String> variables = new ArrayList<>(env.stream()
                .filter(variable -> !deviceVariables.containsKey(variable.substring(0, variable.indexOf('='))))
                .toList());
        deviceVariables.forEach((key, value) -> variables.add(key + "=" + value));
        List<ResolvedMount> allMounts = new ArrayList<>(mounts);
        exposures.forEach(exposure -> exposure.mounts().forEach(mount -> allMounts.add(
                new ResolvedMount(mount.containerPath(), mount.containerPath(), mount.readOnly()))));
        List<DeviceExposure.DeviceNode> nodes = exposures.stream().flatMap(exposure -> exposure.deviceNodes().stream())
                .map(node -> new DeviceExposure.DeviceNode(node.containerPath(), node.containerPath(), node.permissions()))
                .toList();
        List<DeviceExposure.DeviceRequest> requests = exposures.stream()
                .flatMap(exposure -> exposure.deviceRequests().stream()).toList();
        return new InnerContainerSpec(name, image, entrypoint, cmd, List.copyOf(variables), workingDir,
                List.copyOf(allMounts), resources, stdin, tty, labels, user, security, hostname, nodes, requests);
    }

    private static List<String> expanded(List<String> argv, Map<String, String> variables) {
        return argv == null || argv.isEmpty() ? null
                : argv.stream().map(arg -> VarExpansion.expand(arg, variables)).toList();
    }
}
