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
        return of(cpuLimit == null ? null : cores(cpuLimit),
                memoryLimit == null ? null : Quantity.getAmountInBytes(memoryLimit),
                cpuRequest == null ? null : cores(cpuRequest));
    }

    /**
     * The resources of these amounts, each null for none.
     *
     * @param cpuLimitCores    the cpu limit, in cores
     * @param memoryLimitBytes the memory limit, in bytes
     * @param cpuRequestCores  the cpu request, in cores
     */
    public static ContainerResources of(BigDecimal cpuLimitCores, BigDecimal memoryLimitBytes,
            BigDecimal cpuRequestCores) {
        return new ContainerResources(
                cpuLimitCores == null ? null
                        : Math.max(MIN_NANO_CPUS, cpuLimitCores.multiply(NANOS_PER_CORE).longValue()),
                memoryLimitBytes == null ? null : memoryLimitBytes.setScale(0, RoundingMode.CEILING).longValueExact(),
                cpuRequestCores == null ? null
                        : Math.max(MIN_SHARES, cpuRequestCores.multiply(BigDecimal.valueOf(SHARES_PER_CORE)).intValue()));
    }

    /** These resources with this many bytes more memory, when memory is limited. */
    public ContainerResources withMoreMemory(long bytes) {
        return memoryBytes == null ? this : new ContainerResources(nanoCpus, memoryBytes + bytes, cpuShares);
    }

    /** Whether nothing is limited nor weighted. */
    public boolean isEmpty() {
        return nanoCpus == null && memoryBytes == null && cpuShares == null;
    }

    private static BigDecimal cores(Quantity cpu) {
        return Quantity.getAmountInBytes(cpu);
    }
}
