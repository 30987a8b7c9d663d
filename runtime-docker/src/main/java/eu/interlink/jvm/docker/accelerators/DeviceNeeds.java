package eu.interlink.jvm.docker.accelerators;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;

/**
 * The devices a pod asks for, per container and extended resource, from its containers' {@code resources}: the limit,
 * or the request when only that is set (Kubernetes requires both to be equal for extended resources). The pod needs,
 * per resource, the sum over its regular containers or the most any one init container asks, whichever is larger, as
 * Kubernetes counts it: init containers run one at a time, before the others, and reuse their devices.
 *
 * @param byContainer per container name, the count of each resource it asks for; only containers that ask any
 * @param total       per resource, what the pod needs
 */
public record DeviceNeeds(Map<String, Map<String, Integer>> byContainer, Map<String, Integer> total) {

    private static final BigDecimal MOST = BigDecimal.valueOf(64);

    /** A pod that asks for no device. */
    public static final DeviceNeeds NONE = new DeviceNeeds(Map.of(), Map.of());

    public DeviceNeeds {
        byContainer = Map.copyOf(byContainer);
        total = Map.copyOf(total);
    }

    /**
     * What the pod asks for of these resources.
     *
     * @param resources the extended resources an accelerator serves; any other is not looked at
     * @throws InvalidPodException when a count is not a positive whole number, or a request differs from its limit
     */
    public static DeviceNeeds of(PodSpec spec, Set<String> resources) {
        Map<String, Map<String, Integer>> byContainer = new LinkedHashMap<>();
        Map<String, Integer> total = new LinkedHashMap<>();
        Map<String, Integer> largestInit = new LinkedHashMap<>();
        collect(spec.getInitContainers(), "spec.initContainers", resources, byContainer, largestInit, Math::max);
        collect(spec.getContainers(), "spec.containers", resources, byContainer, total, Integer::sum);
        largestInit.forEach((resource, count) -> total.merge(resource, count, Math::max));
        return new DeviceNeeds(byContainer, total);
    }

    /** Whether the pod asks for any device. */
    public boolean any() {
        return !total.isEmpty();
    }

    /** What the container of this name asks for; empty when it asks for none. */
    public Map<String, Integer> of(String container) {
        return byContainer.getOrDefault(container, Map.of());
    }

    private static void collect(List<Container> containers, String field, Set<String> resources,
            Map<String, Map<String, Integer>> byContainer, Map<String, Integer> sum, BinaryOperator<Integer> merge) {
        if (containers == null) {
            return;
        }
        for (Container container : containers) {
            Map<String, Integer> asked = new LinkedHashMap<>();
            for (String resource : resources) {
                Integer count = count(container, resource, field + "[" + container.getName() + "].resources");
                if (count != null) {
                    asked.put(resource, count);
                    sum.merge(resource, count, merge);
                }
            }
            if (!asked.isEmpty()) {
                byContainer.put(container.getName(), asked);
            }
        }
    }

    private static Integer count(Container container, String resource, String at) {
        ResourceRequirements requirements = container.getResources();
        if (requirements == null) {
            return null;
        }
        Integer limit = whole(requirements.getLimits(), resource, at + ".limits");
        Integer request = whole(requirements.getRequests(), resource, at + ".requests");
        if (limit != null && request != null && !limit.equals(request)) {
            throw new InvalidPodException(at + ": the request of " + resource + " (" + request
                    + ") must equal its limit (" + limit + "), as for any extended resource");
        }
        Integer count = limit != null ? limit : request;
        return count == null || count == 0 ? null : count;
    }

    private static Integer whole(Map<String, Quantity> amounts, String resource, String at) {
        Quantity quantity = amounts == null ? null : amounts.get(resource);
        if (quantity == null) {
            return null;
        }
        BigDecimal amount;
        try {
            amount = Quantity.getAmountInBytes(quantity);
        } catch (IllegalArgumentException e) {
            throw new InvalidPodException(at + "[" + resource + "]: " + quantity + " is not a quantity");
        }
        if (amount.signum() < 0 || amount.stripTrailingZeros().scale() > 0 || amount.compareTo(MOST) > 0) {
            throw new InvalidPodException(at + "[" + resource + "]: " + quantity
                    + " is not a whole number of devices from 0 to " + MOST);
        }
        return amount.intValueExact();
    }
}
