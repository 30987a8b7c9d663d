package eu.interlink.jvm.docker.accelerators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.interlink.jvm.api.accelerator.Accelerator;
import eu.interlink.jvm.api.accelerator.AcceleratorDevice;
import eu.interlink.jvm.api.accelerator.DeviceExposure;
import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.api.wire.AcceleratorAvailability;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeviceAllocatorTest {

    private static final String GPU = "vendor.com/gpu";

    private final DeviceAllocator allocator = DeviceAllocator.discovering(List.of(new ThreeDevices()), Set.of());
    private final List<String> granted = new ArrayList<>();
    private final Map<String, String> waits = new HashMap<>();

    @Test
    void givesTheLowestFreeDevicesAndCountsWhatIsLeft() {
        assertThat(ids(acquire("a", 2))).containsExactly("d0", "d1");
        assertThat(ids(acquire("b", 1))).containsExactly("d2");
        assertThat(allocator.availability()).containsExactly(new AcceleratorAvailability(GPU, "0"));
        assertThat(ids(acquire("a", 2))).as("asked again")
                .containsExactly("d0", "d1");
    }

    @Test
    void podsThatFindTooFewWaitFirstInFirstOutAndAreToldWhenTheyHoldTheirDevices() {
        acquire("a", 3);
        assertThat(acquire("b", 2)).isEmpty();
        assertThat(acquire("c", 1)).isEmpty();
        assertThat(allocator.whyWaiting("b")).isEqualTo("waiting for 2 " + GPU + " (0 of 3 free)");
        assertThat(allocator.whyWaiting("c")).isEqualTo("waiting for 1 " + GPU + " (0 of 3 free), 1 pod ahead");
        assertThat(waits).containsEntry("c", allocator.whyWaiting("c"));

        allocator.release("a");

        assertThat(granted).containsExactly("b", "c");
        assertThat(ids(acquire("b", 2))).containsExactly("d0", "d1");
        assertThat(ids(acquire("c", 1))).containsExactly("d2");
    }

    @Test
    void aWaitingPodIsToldWhyAgainWhenThePodsAheadOfItLeaveTheQueue() {
        acquire("a", 3);
        acquire("b", 1);
        acquire("c", 1);

        allocator.release("b");

        assertThat(waits).containsEntry("c", "waiting for 1 " + GPU + " (0 of 3 free)");
        assertThat(granted).isEmpty();
    }

    @Test
    void aWaitingPodThatDoesNotFitHoldsUpTheOnesBehindIt() {
        acquire("a", 2);
        acquire("big", 3);
        assertThat(acquire("small", 1)).as("behind big").isEmpty();

        allocator.release("big");

        assertThat(granted).containsExactly("small");
    }

    @Test
    void aRestartedRuntimeGivesAPodBackTheDevicesItsLabelsRecordAndLeavesOutOnesThatAreGone() {
        PodDevices restored = allocator.restore("a", Map.of(GPU, List.of("d2", "gone")));

        assertThat(restored.byResource().get(GPU)).extracting(AcceleratorDevice::id).containsExactly("d2");
        assertThat(ids(acquire("b", 2))).containsExactly("d0", "d1");
        assertThat(DeviceLabels.read(DeviceLabels.of(restored))).isEqualTo(Map.of(GPU, List.of("d2")));
    }

    @Test
    void aPodThatAsksForMoreThanTheNodeHasIsRefused() {
        DeviceNeeds greedy = new DeviceNeeds(Map.of("main", Map.of(GPU, 4)), Map.of(GPU, 4));

        assertThatThrownBy(() -> allocator.requireEnough(greedy, "ns/p (uid)"))
                .isInstanceOf(InvalidPodException.class)
                .hasMessage("pod ns/p (uid) asks for 4 " + GPU + " but this node has 3");
    }

    @Test
    void devicesGoThroughTheEnginesDriverWhenItHasItAndThroughTheirNodesOtherwise() {
        DeviceExposure both = new DeviceExposure(List.of(DeviceExposure.DeviceNode.of("/dev/d0")),
                List.of(new DeviceExposure.DeviceRequest("vendor", List.of("d0"), List.of("gpu"))),
                Map.of("VISIBLE", "d0"), List.of());
        Map<String, List<AcceleratorDevice>> held = Map.of(GPU, List.of(new AcceleratorDevice("d0", "m", Map.of())));

        DeviceExposure withDriver = DeviceAllocator.discovering(List.of(new ThreeDevices(both)), Set.of("runc",
                "vendor")).exposures(held).get(0);
        DeviceExposure withoutDriver = DeviceAllocator.discovering(List.of(new ThreeDevices(both)), Set.of("runc"))
                .exposures(held).get(0);

        assertThat(withDriver.deviceNodes()).isEmpty();
        assertThat(withDriver.deviceRequests()).isEqualTo(both.deviceRequests());
        assertThat(withoutDriver.deviceNodes()).isEqualTo(both.deviceNodes());
        assertThat(withoutDriver.deviceRequests()).isEmpty();
        assertThat(List.of(withDriver.environment(), withoutDriver.environment())).containsOnly(Map.of("VISIBLE", "d0"));
    }

    @Test
    void aContainerThatAsksForNoneOfAResourceItsPodHoldsGetsTheAcceleratorsHidingVariables() {
        PodDevices pod = new PodDevices(Map.of(GPU, List.of(new AcceleratorDevice("d0", "m", Map.of()))));

        assertThat(allocator.hiding(pod, Set.of())).singleElement()
                .satisfies(exposure -> assertThat(exposure.environment()).isEqualTo(Map.of("HIDE", "all")));
        assertThat(allocator.hiding(pod, Set.of(GPU))).isEmpty();
        assertThat(allocator.hiding(PodDevices.NONE, Set.of())).isEmpty();
    }

    private Optional<PodDevices> acquire(String uid, int count) {
        return allocator.acquire(uid, Map.of(GPU, count), why -> waits.put(uid, why), () -> granted.add(uid));
    }

    private static List<String> ids(Optional<PodDevices> devices) {
        return devices.orElseThrow().byResource().get(GPU).stream().map(AcceleratorDevice::id).toList();
    }

    private static final class ThreeDevices implements Accelerator {

        private final DeviceExposure exposure;

        ThreeDevices() {
            this(new DeviceExposure(List.of(), List.of(), Map.of(), List.of()));
        }

        ThreeDevices(DeviceExposure exposure) {
            this.exposure = exposure;
        }

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
            return exposure;
        }

        @Override
        public Map<String, String> hidingEnvironment() {
            return Map.of("HIDE", "all");
        }
    }
}
