package eu.interlink.jvm.docker.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.interlink.jvm.docker.probes.ContainerChecks;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds what a pod asks for that this runtime cannot honour yet, so that such a pod is refused rather than run
 * without it: block volume devices, limits other than cpu and memory, extended resources, the probes and lifecycle
 * hooks of init containers (which Kubernetes allows only on sidecars), what {@link ContainerChecks#unsupported} finds
 * in regular containers' probes and hooks, the parts of security contexts this runtime cannot apply
 * ({@link SecurityContextFields}), host namespaces and sidecar containers (an init container's restart policy).
 *
 * <p>What changes nothing here is accepted: scheduling fields, tolerations, service account names, and cpu, memory
 * and ephemeral-storage requests (scheduling hints).
 */
final class UnsupportedFields {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SCHEDULING_HINTS = Set.of("cpu", "memory", "ephemeral-storage");
    private static final Set<String> ENFORCED_LIMITS = Set.of("cpu", "memory");

    private final List<String> found = new ArrayList<>();
    private final Set<String> devices;

    private UnsupportedFields(Set<String> devices) {
        this.devices = devices;
    }

    /**
     * Each unsupported field of the spec, named as a JSON path with list items by name, such as
     * {@code spec.containers[app].env[POD_NAME].valueFrom}; empty when the runtime can honour the whole spec.
     *
     * @param devices the extended resources the runtime's accelerators serve, which are supported
     */
    static List<String> of(PodSpec spec, Set<String> devices) {
        UnsupportedFields fields = new UnsupportedFields(devices);
        fields.scan(spec);
        return List.copyOf(fields.found);
    }

    private void scan(PodSpec spec) {
        containers("spec.initContainers", spec.getInitContainers(), true);
        containers("spec.containers", spec.getContainers(), false);
        ifTrue(spec.getHostNetwork(), "spec.hostNetwork");
        ifTrue(spec.getHostPID(), "spec.hostPID");
        ifTrue(spec.getHostIPC(), "spec.hostIPC");
        found.addAll(SecurityContextFields.unsupported(spec.getSecurityContext()));
        ifTrue(spec.getShareProcessNamespace(), "spec.shareProcessNamespace");
    }

    private void containers(String field, List<Container> containers, boolean init) {
        for (Container container : listOf(containers)) {
            String at = field + "[" + container.getName() + "]";
            ifPresent(container.getVolumeDevices(), at + ".volumeDevices");
            resources(at + ".resources", container.getResources());
            if (init) {
                ifPresent(container.getLivenessProbe(), at + ".livenessProbe");
                ifPresent(container.getReadinessProbe(), at + ".readinessProbe");
                ifPresent(container.getStartupProbe(), at + ".startupProbe");
                ifPresent(container.getLifecycle(), at + ".lifecycle");
            } else {
                found.addAll(ContainerChecks.unsupported(at, container));
            }
            found.addAll(SecurityContextFields.unsupported(at + ".securityContext", container.getSecurityContext()));
            if (container.getRestartPolicy() != null) {
                found.add(at + ".restartPolicy " + container.getRestartPolicy() + " (sidecar containers)");
            }
        }
    }

    private void resources(String at, ResourceRequirements resources) {
        if (resources == null) {
            return;
        }
        mapOf(resources.getLimits()).keySet().stream()
                .filter(name -> !ENFORCED_LIMITS.contains(name) && !devices.contains(name))
                .forEach(name -> found.add(at + ".limits[" + name + "]"
                        + (isDevice(name) ? " (" + noAccelerator(name) + ")" : "")));
        mapOf(resources.getRequests()).keySet().stream()
                .filter(name -> !SCHEDULING_HINTS.contains(name) && !devices.contains(name))
                .forEach(name -> found.add(at + ".requests[" + name + "] (extended resource"
                        + (isDevice(name) ? ": " + noAccelerator(name) : "") + ")"));
    }

    /** Whether the resource is one a device plugin would serve, such as {@code vendor.com/device}. */
    private static boolean isDevice(String name) {
        return name.contains("/");
    }

    private String noAccelerator(String name) {
        return "no accelerator serves " + name + "; " + (devices.isEmpty() ? "none is installed"
                : "installed: " + String.join(", ", devices.stream().sorted().toList()));
    }

    private void ifTrue(Boolean flag, String field) {
        if (Boolean.TRUE.equals(flag)) {
            found.add(field);
        }
    }

    /** Adds the field when any part of its value is set: an empty object or list, such as {@code {}}, is not. */
    private void ifPresent(Object value, String field) {
        if (isSet(JSON.valueToTree(value))) {
            found.add(field);
        }
    }

    private static boolean isSet(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return false;
        }
        if (node.isContainerNode()) {
            for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
                if (isSet(children.next())) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    private static <T> Collection<T> listOf(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Map<String, Quantity> mapOf(Map<String, Quantity> map) {
        return map == null ? Map.of() : map;
    }
}
