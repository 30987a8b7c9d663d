package eu.interlink.jvm.docker.lifecycle;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.api.wire.NodeResources;
import eu.interlink.jvm.docker.spec.PodResources;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.function.Supplier;

/**
 * Refuses a pod that asks for more cpu or memory than the whole node has: it could never run within its limits.
 * The node is what the health ping reports, the host engine's CPUs and memory; while they are not known yet, no pod
 * is refused for them.
 */
final class NodeCapacity {

    private final Supplier<NodeResources> node;

    /** @param node the node's resources as last seen, without waiting */
    NodeCapacity(Supplier<NodeResources> node) {
        this.node = node;
    }

    /** @throws InvalidPodException naming the resource, what the pod asks for and what the node has */
    void check(PodResources pod) {
        NodeResources resources = node.get();
        check("cpu", pod.cpuLimit(), pod.cpuRequest(), resources.cpu(), " cores");
        check("memory", pod.memoryLimit(), pod.memoryRequest(), resources.memory(), " bytes");
    }

    private static void check(String resource, BigDecimal limit, BigDecimal request, String capacity, String unit) {
        if (capacity == null) {
            return;
        }
        BigDecimal has = Quantity.getAmountInBytes(new Quantity(capacity));
        if (limit != null && limit.compareTo(has) > 0) {
            throw refused(resource, "limits", limit, capacity, has, unit);
        }
        if (request != null && request.compareTo(has) > 0) {
            throw refused(resource, "requests", request, capacity, has, unit);
        }
    }

    private static InvalidPodException refused(String resource, String kind, BigDecimal asked, String capacity,
            BigDecimal has, String unit) {
        return new InvalidPodException("resources." + kind + "[" + resource + "]: the pod asks for "
                + asked.stripTrailingZeros().toPlainString() + unit + " of " + resource + " in all, more than this node's "
                + capacity + " (" + has.stripTrailingZeros().toPlainString() + unit + ")");
    }
}
