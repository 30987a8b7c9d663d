package eu.interlink.jvm.itests.fake;

import eu.interlink.jvm.api.accelerator.Accelerator;
import eu.interlink.jvm.api.accelerator.AcceleratorDevice;
import eu.interlink.jvm.api.accelerator.DeviceExposure;
import eu.interlink.jvm.api.accelerator.DeviceExposure.DeviceNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Two fake devices, {@code fake0} and {@code fake1}, backed by device files every Linux host has: {@code /dev/zero}
 * and {@code /dev/full}, which a pod sees as {@code /dev/fake0} and {@code /dev/fake1}.
 *
 * <p>What a real accelerator does in each method:
 * <ul>
 *   <li>{@link #discover()} lists the devices present, each with an id that survives restarts and reboots (a serial
 *       number or UUID, never an index that can change), because the runtime records allocations by id in Docker
 *       labels and finds them again after a restart. Here the devices are fixed.</li>
 *   <li>{@link #expose} says how to give a pod exactly the devices it was allocated: device files (here each one
 *       under another name, so that a pod cannot mistake it for the real {@code /dev/zero}), device requests for an
 *       engine's driver (none here), the environment that tells the pod's software which devices it has (here
 *       {@code FAKE_ACCEL_DEVICES=fake0}, as {@code NVIDIA_VISIBLE_DEVICES} does), and host mounts (none here).</li>
 * </ul>
 *
 * <p>It keeps no state: the runtime decides which pod gets which device, so both methods are thread-safe.
 */
public final class FakeAccelerator implements Accelerator {

    /** The variable that lists a pod's devices by id, comma-separated. */
    public static final String DEVICES_VARIABLE = "FAKE_ACCEL_DEVICES";

    private static final Map<String, String> HOST_FILES = Map.of("fake0", "/dev/zero", "fake1", "/dev/full");

    @Override
    public String resourceName() {
        return FakeAcceleratorProvider.RESOURCE;
    }

    @Override
    public List<AcceleratorDevice> discover() {
        return Stream.of("fake0", "fake1")
                .map(id -> new AcceleratorDevice(id, "Fake accelerator", Map.of("backedBy", HOST_FILES.get(id))))
                .toList();
    }

    @Override
    public DeviceExposure expose(List<AcceleratorDevice> devices) {
        List<DeviceNode> nodes = devices.stream()
                .map(device -> new DeviceNode(hostFileOf(device), "/dev/" + device.id(), "rw"))
                .toList();
        String ids = devices.stream().map(AcceleratorDevice::id).collect(Collectors.joining(","));
        return new DeviceExposure(nodes, List.of(), Map.of(DEVICES_VARIABLE, ids), List.of());
    }

    private static String hostFileOf(AcceleratorDevice device) {
        String file = HOST_FILES.get(device.id());
        if (file == null) {
            throw new IllegalArgumentException(device.id() + " is not a device of " + FakeAcceleratorProvider.RESOURCE);
        }
        return file;
    }
}
