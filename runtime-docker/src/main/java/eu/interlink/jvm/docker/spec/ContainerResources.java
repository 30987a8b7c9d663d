package eu.interlink.jvm.docker.spec;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * A container's cpu and memory as a container engine enforces them, the way kubelet sets them: the cpu limit as a
 * CFS quota (at least 10 millicores, the smallest quota kubelet sets), the memory limit as a hard limit without
 * swap, the cpu request as a relative weight (1024 per core, at least 2).
 *
 * @param nanoCpus    the cpu limit in billionths of a core; null for none
 * @param memoryBytes the memory limit in bytes; null for none
 * @param cpuShares   the cpu weight; null when no cpu is requested
 */
public record ContainerResources(Long nanoCpus, Long memoryBytes, Integer cpuShares) {

    private static final BigDecimal NANOS_PER_CORE = BigDecimal.valueOf(1_000_000_000L);
    private static final long MIN_NANO_CPUS = 10_000_000L;
    private static final int SHARES_PER_CORE = 1024;
    private static final int MIN_SHARES = 2;

    /** The resources of the container's spec. */
    public static ContainerResources of(Container container) {
        ResourceRequirements resources = container.getResources();
        Map<String, Quantity> limits = resources == null ? null : resources.getLimits();
        Map<String, Quantity> requests = resources == null ? null : resources.getRequests();
        Quantity cpuLimit = limits == null ? null : limits.get("cpu");
        Quantity memoryLimit = limits == null ? null : limits.get("memory");
        Quantity cpuRequest = requests == null ? null : requests.get("cpu");
        return new ContainerResources(
                cpuLimit == null ? null : Math.max(MIN_NANO_CPUS, cores(cpuLimit).multiply(NANOS_PER_CORE).longValue()),
                memoryLimit == null ? null : Quantity.getAmountInBytes(memoryLimit).setScale(0, RoundingMode.CEILING)
                        .longValueExact(),
                cpuRequest == null ? null : Math.max(MIN_SHARES,
                        cores(cpuRequest).multiply(BigDecimal.valueOf(SHARES_PER_CORE)).intValue()));
    }

    private static BigDecimal cores(Quantity cpu) {
        return Quantity.getAmountInBytes(cpu);
    }
}
