package eu.interlink.jvm.docker.spec;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A pod's effective cpu and memory, as Kubernetes computes them: for each resource, the larger of the sum over the
 * regular containers and the largest init container (init containers run one at a time, before the others). A pod
 * has a limit of a kind only when every container, init or regular, has one, as kubelet sets a pod cgroup's limit;
 * a request missing from a container counts as zero.
 *
 * @param cpuLimit      in cores; null for none
 * @param memoryLimit   in bytes; null for none
 * @param cpuRequest    in cores; null when no container requests cpu
 * @param memoryRequest in bytes; null when no container requests memory
 */
public record PodResources(BigDecimal cpuLimit, BigDecimal memoryLimit, BigDecimal cpuRequest,
        BigDecimal memoryRequest) {

    private static final String CPU = "cpu";
    private static final String MEMORY = "memory";

    /** The effective resources of the pod's spec. */
    public static PodResources of(PodSpec spec) {
        List<Container> inits = spec.getInitContainers() == null ? List.of() : spec.getInitContainers();
        List<Container> containers = spec.getContainers() == null ? List.of() : spec.getContainers();
        return new PodResources(
                effective(inits, containers, ResourceRequirements::getLimits, CPU, true),
                effective(inits, containers, ResourceRequirements::getLimits, MEMORY, true),
                effective(inits, containers, ResourceRequirements::getRequests, CPU, false),
                effective(inits, containers, ResourceRequirements::getRequests, MEMORY, false));
    }

    /** The pod's whole cpu and memory as a container engine enforces them on the container that holds the pod. */
    public ContainerResources enforced() {
        return ContainerResources.of(cpuLimit, memoryLimit, cpuRequest);
    }

    /**
     * @param allRequired whether a container without the amount leaves the pod without it (limits), rather than
     *                    counting as zero (requests)
     */
    private static BigDecimal effective(List<Container> inits, List<Container> containers,
            Function<ResourceRequirements, Map<String, Quantity>> kind, String resource, boolean allRequired) {
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal largestInit = BigDecimal.ZERO;
        boolean any = false;
        for (Container container : inits) {
            BigDecimal amount = amount(container, kind, resource);
            if (amount == null && allRequired) {
                return null;
            }
            any |= amount != null;
            largestInit = amount == null ? largestInit : largestInit.max(amount);
        }
        for (Container container : containers) {
            BigDecimal amount = amount(container, kind, resource);
            if (amount == null && allRequired) {
                return null;
            }
            any |= amount != null;
            sum = amount == null ? sum : sum.add(amount);
        }
        return any ? sum.max(largestInit) : null;
    }

    private static BigDecimal amount(Container container, Function<ResourceRequirements, Map<String, Quantity>> kind,
            String resource) {
        ResourceRequirements resources = container.getResources();
        Map<String, Quantity> amounts = resources == null ? null : kind.apply(resources);
        Quantity quantity = amounts == null ? null : amounts.get(resource);
        return quantity == null ? null : Quantity.getAmountInBytes(quantity);
    }
}
