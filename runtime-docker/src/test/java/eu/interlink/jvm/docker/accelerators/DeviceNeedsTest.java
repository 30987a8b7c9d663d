package eu.interlink.jvm.docker.accelerators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.interlink.jvm.api.accelerator.AcceleratorDevice;
import eu.interlink.jvm.api.runtime.InvalidPodException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DeviceNeedsTest {

    private static final String GPU = "vendor.com/gpu";

    @Test
    void aPodNeedsTheSumOfItsContainersOrTheMostOneInitContainerAsksForWhicheverIsLarger() {
        PodSpec spec = new PodSpecBuilder()
                .withInitContainers(asking("init", Map.of(GPU, "3"), Map.of()))
                .withContainers(asking("a", Map.of(GPU, "1"), Map.of()), asking("b", Map.of(), Map.of(GPU, "1")),
                        asking("c", Map.of("cpu", "1"), Map.of()))
                .build();

        DeviceNeeds needs = DeviceNeeds.of(spec, Set.of(GPU));

        assertThat(needs.total()).isEqualTo(Map.of(GPU, 3));
        assertThat(needs.of("b")).isEqualTo(Map.of(GPU, 1));
        assertThat(needs.of("c")).isEmpty();
        PodDevices held = new PodDevices(Map.of(GPU, List.of(
                new AcceleratorDevice("d0", "", Map.of()),
                new AcceleratorDevice("d1", "", Map.of()),
                new AcceleratorDevice("d2", "", Map.of()))));
        assertThat(held.ofContainer(needs, "b", false, List.of("a", "b", "c")).get(GPU))
                .extracting(AcceleratorDevice::id).containsExactly("d1");
        assertThat(held.ofContainer(needs, "init", true, List.of("a", "b", "c")).get(GPU)).hasSize(3);
    }

    @Test
    void aCountMustBeAWholeNumberAndARequestMustEqualItsLimit() {
        assertThatThrownBy(() -> DeviceNeeds.of(spec(asking("a", Map.of(GPU, "500m"), Map.of())), Set.of(GPU)))
                .isInstanceOf(InvalidPodException.class)
                .hasMessage("spec.containers[a].resources.limits[" + GPU + "]: 500m is not a whole number of devices"
                        + " from 0 to 64");
        assertThatThrownBy(() -> DeviceNeeds.of(spec(asking("a", Map.of(GPU, "2"), Map.of(GPU, "1"))), Set.of(GPU)))
                .isInstanceOf(InvalidPodException.class)
                .hasMessage("spec.containers[a].resources: the request of " + GPU + " (1) must equal its limit (2),"
                        + " as for any extended resource");
        assertThat(DeviceNeeds.of(spec(asking("a", Map.of(GPU, "0"), Map.of())), Set.of(GPU)).any()).isFalse();
    }

    private static PodSpec spec(Container container) {
        return new PodSpecBuilder().withContainers(container).build();
    }

    private static Container asking(String name, Map<String, String> limits, Map<String, String> requests) {
        return new ContainerBuilder().withName(name).withImage("busybox").withNewResources()
                .withLimits(quantities(limits)).withRequests(quantities(requests)).endResources().build();
    }

    private static Map<String, Quantity> quantities(Map<String, String> amounts) {
        return amounts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> new Quantity(entry.getValue())));
    }
}
