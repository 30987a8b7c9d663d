package eu.interlink.jvm.docker.lifecycle;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.api.wire.NodeResources;
import eu.interlink.jvm.docker.network.HostPorts;
import eu.interlink.jvm.docker.network.PodIpNetwork;
import eu.interlink.jvm.docker.sandbox.SandboxNeeds;
import eu.interlink.jvm.docker.spec.PodResources;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.function.Supplier;

/**
 * Decides, when a pod is accepted, what it needs of its sandbox ({@link SandboxNeeds}): the address it asks for, its
 * host ports, its host paths, and its whole cpu and memory, which must fit in the node. Thread-safe.
 */
public final class SandboxPlanner {

    private final PodIpNetwork podIps;
    private final NodeCapacity capacity;

    /** @param node the node's resources as last seen, without waiting */
    public SandboxPlanner(PodIpNetwork podIps, Supplier<NodeResources> node) {
        this.podIps = podIps;
        this.capacity = new NodeCapacity(node);
    }

    /**
     * @param hostPaths the host paths of the pod's {@code hostPath} volumes, which its sandbox must see
     * @throws InvalidPodException naming the field that cannot be honoured
     */
    SandboxNeeds plan(Pod pod, List<SandboxNeeds.HostBind> hostPaths) {
        PodResources resources = PodResources.of(pod.getSpec());
        capacity.check(resources);
        return new SandboxNeeds(podIps.requestedBy(pod).orElse(null), HostPorts.of(pod.getSpec()), hostPaths,
                resources.enforced(), List.of());
    }
}
