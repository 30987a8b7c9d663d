package eu.interlink.jvm.docker.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A pod's effective cpu and memory, as Kubernetes computes them. */
class PodResourcesTest {

    private static final long MI = 1024L * 1024;

    @Test
    void theRegularContainersAddUpAndTheLargestInitContainerWinsWhenLarger() {
        PodSpec spec = new PodSpecBuilder()
                .withInitContainers(container("init", Map.of("cpu", "2", "memory", "64Mi"), Map.of("cpu", "2")))
                .withContainers(container("one", Map.of("cpu", "500m", "memory", "128Mi"), Map.of("cpu", "250m")),
                        container("two", Map.of("cpu", "250m", "memory", "64Mi"), Map.of("memory", "32Mi")))
                .build();

        PodResources pod = PodResources.of(spec);

        assertThat(pod.cpuLimit()).isEqualByComparingTo("2");
        assertThat(pod.memoryLimit()).isEqualByComparingTo(BigDecimal.valueOf(192 * MI));
        assertThat(pod.cpuRequest()).isEqualByComparingTo("2");
        assertThat(pod.memoryRequest()).isEqualByComparingTo(BigDecimal.valueOf(32 * MI));
        assertThat(pod.enforced()).isEqualTo(new ContainerResources(2_000_000_000L, 192 * MI, 2048));
    }

    @Test
    void oneContainerWithoutALimitOfAKindLeavesThePodWithoutThatLimit() {
        PodSpec spec = new PodSpecBuilder()
                .withInitContainers(container("init", Map.of("cpu", "1"), Map.of()))
                .withContainers(container("one", Map.of("cpu", "1", "memory", "64Mi"), Map.of()),
                        container("two", Map.of("cpu", "1", "memory", "64Mi"), Map.of()))
                .build();

        PodResources pod = PodResources.of(spec);

        assertThat(pod.cpuLimit()).isEqualByComparingTo("2");
        assertThat(pod.memoryLimit()).as("the init container has no memory limit").isNull();
        assertThat(pod.cpuRequest()).isNull();
        assertThat(pod.enforced()).isEqualTo(new ContainerResources(2_000_000_000L, null, null));
    }

    @Test
    void aPodWithoutResourcesHasNone() {
        PodResources pod = PodResources.of(new PodSpecBuilder().withContainers(new ContainerBuilder().withName("a")
                .build()).build());

        assertThat(pod).isEqualTo(new PodResources(null, null, null, null));
        assertThat(pod.enforced().isEmpty()).isTrue();
    }

    @Test
    void theEngineOverheadIsAddedToMemoryOnlyWhenMemoryIsLimited() {
        assertThat(new ContainerResources(1L, 10L, 2).withMoreMemory(5)).isEqualTo(new ContainerResources(1L, 15L, 2));
        assertThat(new ContainerResources(1L, null, 2).withMoreMemory(5)).isEqualTo(new ContainerResources(1L, null, 2));
    }

    private static Container container(String name, Map<String, String> limits, Map<String, String> requests) {
        return new ContainerBuilder().withName(name).withNewResources()
                .withLimits(quantities(limits)).withRequests(quantities(requests)).endResources().build();
    }

    private static Map<String, Quantity> quantities(Map<String, String> amounts) {
        return amounts.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                entry -> new Quantity(entry.getValue())));
    }
}
