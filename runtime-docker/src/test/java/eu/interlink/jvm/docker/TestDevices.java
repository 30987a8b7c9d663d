package eu.interlink.jvm.docker;

import eu.interlink.jvm.api.accelerator.Accelerator;
import eu.interlink.jvm.api.accelerator.AcceleratorDevice;
import eu.interlink.jvm.api.accelerator.DeviceExposure;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An accelerator of two real host devices, {@code /dev/zero} and {@code /dev/full}, which pods see as
 * {@code /dev/testdev0} and {@code /dev/testdev1}, with {@code TEST_DEVICES} naming the ones they hold, and
 * {@code none} for a container that holds none in a pod that holds some.
 */
final class TestDevices implements Accelerator {

    static final String RESOURCE = "example.com/test-device";
    private static final Map<String, String> HOST_NODES = Map.of("testdev0", "/dev/zero", "testdev1", "/dev/full");

    @Override
    public String resourceName() {
        return RESOURCE;
    }

    @Override
    public List<AcceleratorDevice> discover() {
        return List.of(new AcceleratorDevice("testdev0", "zeros", Map.of()),
                new AcceleratorDevice("testdev1", "a full disk", Map.of()));
    }

    @Override
    public Map<String, String> hidingEnvironment() {
        return Map.of("TEST_DEVICES", "none");
    }

    @Override
    public DeviceExposure expose(List<AcceleratorDevice> devices) {
        return new DeviceExposure(
                devices.stream().map(device -> new DeviceExposure.DeviceNode(HOST_NODES.get(device.id()),
                        "/dev/" + device.id(), "rw")).toList(),
                List.of(),
                Map.of("TEST_DEVICES", devices.stream().map(AcceleratorDevice::id).collect(Collectors.joining(","))),
                List.of());
    }
}
