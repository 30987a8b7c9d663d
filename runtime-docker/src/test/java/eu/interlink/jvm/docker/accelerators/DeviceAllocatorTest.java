package eu.interlink.jvm.docker.accelerators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.interlink.jvm.api.accelerator.Accelerator;
import eu.interlink.jvm.api.accelerator.AcceleratorDevice;
import eu.interlink.jvm.api.accelerator.DeviceExposure;
import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.api.wire.AcceleratorAvailability;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeviceAllocatorTest {

    private static final String GPU = "vendor.com/gpu";

    private final DeviceAllocator allocator = DeviceAllocator.discovering(List.of(new ThreeDevices()));
    private final List<String> granted = new ArrayList<>();

    @Test
    void givesTheLowestFreeDevicesAndCountsWhatIsLeft() {
        assertThat(ids(allocator.acquire("a", Map.of(GPU, 2), () -> granted.add("a")))).containsExactly("d0", "d1");
        assertThat(ids(allocator.acquire("b", Map.of(GPU, 1), () -> granted.add("b")))).containsExactly("d2");
        assertThat(allocator.availability()).containsExactly(new AcceleratorAvailability(GPU, "0"));
        assertThat(ids(allocator.acquire("a", Map.of(GPU, 2), () -> granted.add("a")))).as("asked again")
                .containsExactly("d0", "d1");
    }

    @Test
    void podsThatFindTooFewWaitFirstInFirstOutAndAreToldWhenTheyHoldTheirDevices() {
        allocator.acquire("a", Map.of(GPU, 3), () -> granted.add("a"));
        assertThat(allocator.acquire("b", Map.of(GPU, 2), () -> granted.add("b"))).isEmpty();
        assertThat(allocator.acquire("c", Map.of(GPU, 1), () -> granted.add("c"))).isEmpty();
        assertThat(allocator.whyWaiting("b")).isEqualTo("waiting for 2 " + GPU + " (0 of 3 free)");
        assertThat(allocator.whyWaiting("c")).isEqualTo("waiting for 1 " + GPU + " (0 of 3 free), 1 pod ahead");

        allocator.release("a");

        assertThat(granted).containsExactly("b", "c");
        assertThat(ids(allocator.acquire("b", Map.of(GPU, 2), () -> { }))).containsExactly("d0", "d1");
        assertThat(ids(allocator.acquire("c", Map.of(GPU, 1), () -> { }))).containsExactly("d2");
    }

    @Test
    void aWaitingPodThatDoesNotFitHoldsUpTheOnesBehindIt() {
        allocator.acquire("a", Map.of(GPU, 2), () -> granted.add("a"));
        allocator.acquire("big", Map.of(GPU, 3), () -> granted.add("big"));
        assertThat(allocator.acquire("small", Map.of(GPU, 1), () -> granted.add("small"))).as("behind big").isEmpty();

        allocator.release("big");

        assertThat(granted).containsExactly("small");
    }

    @Test
    void aRestartedRuntimeGivesAPodBackTheDevicesItsLabelsRecordAndLeavesOutOnesThatAreGone() {
        PodDevices restored = allocator.restore("a", Map.of(GPU, List.of("d2", "gone")));

        assertThat(restored.byResource().get(GPU)).extracting(AcceleratorDevice::id).containsExactly("d2");
        assertThat(ids(allocator.acquire("b", Map.of(GPU, 2), () -> { }))).containsExactly("d0", "d1");
        assertThat(DeviceLabels.read(DeviceLabels.of(restored))).isEqualTo(Map.of(GPU, List.of("d2")));
    }

    @Test
    void aPodThatAsksForMoreThanTheNodeHasIsRefused() {
        DeviceNeeds greedy = new DeviceNeeds(Map.of("main", Map.of(GPU, 4)), Map.of(GPU, 4));

        assertThatThrownBy(() -> allocator.requireEnough(greedy, "ns/p (uid)"))
                .isInstanceOf(InvalidPodException.class)
                .hasMessage("pod ns/p (uid) asks for 4 " + GPU + " but this node has 3");
    }

    private static List<String> ids(Optional<PodDevices> devices) {
        return devices.orElseThrow().byResource().get(GPU).stream().map(AcceleratorDevice::id).toList();
    }

    private static final class ThreeDevices implements Accelerator {

        @Override
        public String resourceName() {
            return GPU;
        }

        @Override
        public List<AcceleratorDevice> discover() {
            return List.of(new AcceleratorDevice("d0", "m", Map.of()), new AcceleratorDevice("d1", "m", Map.of()),
                    new AcceleratorDevice("d2", "m", Map.of()));
        }

        @Override
        public DeviceExposure expose(List<AcceleratorDevice> devices) {
            return new DeviceExposure(List.of(), List.of(), Map.of(), List.of());
        }
    }
}
