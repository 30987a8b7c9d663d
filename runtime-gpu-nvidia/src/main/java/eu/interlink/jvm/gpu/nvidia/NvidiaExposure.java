package eu.interlink.jvm.gpu.nvidia;

import eu.interlink.jvm.api.accelerator.AcceleratorDevice;
import eu.interlink.jvm.api.accelerator.DeviceExposure;
import eu.interlink.jvm.api.accelerator.DeviceExposure.DeviceNode;
import eu.interlink.jvm.api.accelerator.DeviceExposure.DeviceRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a pod gets exactly some NVIDIA devices: a request to Docker's {@code nvidia} device driver for their UUIDs
 * (engines with the NVIDIA container runtime), or else their device files, and the variables the NVIDIA container
 * runtime and CUDA read.
 *
 * <p>The device files are {@code /dev/nvidia<minor>} of each GPU (of the parent GPU for a MIG instance) and the
 * driver's shared files {@code /dev/nvidiactl}, {@code /dev/nvidia-uvm} and {@code /dev/nvidia-uvm-tools} that
 * exist. A MIG instance's capability files under {@code /dev/nvidia-caps/} are not included: {@code nvidia-smi -L}
 * does not give the GPU and compute instance ids they are named by, so without the NVIDIA container runtime a MIG
 * instance is reached only through its whole parent GPU's file. The driver's libraries are not mounted either: an
 * image without them cannot use the devices without the NVIDIA container runtime.
 */
final class NvidiaExposure {

    static final List<String> SHARED_FILES = List.of("nvidiactl", "nvidia-uvm", "nvidia-uvm-tools");
    static final String DRIVER_CAPABILITIES = "compute,utility";

    private final Path devRoot;

    /** Exposure of device files that exist under {@code devRoot}, {@code /dev} on a real host. */
    NvidiaExposure(Path devRoot) {
        this.devRoot = devRoot;
    }

    /**
     * The exposure of these devices, in their order.
     *
     * @throws IllegalArgumentException for a device without the minor that discovery records
     */
    DeviceExposure of(List<AcceleratorDevice> devices) {
        List<String> uuids = devices.stream().map(AcceleratorDevice::id).toList();
        Set<String> files = new LinkedHashSet<>();
        for (AcceleratorDevice device : devices) {
            String minor = device.attributes().get(DeviceAttributes.MINOR);
            if (minor == null || !minor.matches("\\d+")) {
                throw new IllegalArgumentException("not an NVIDIA device that discovery found: " + device.id());
            }
            files.add("nvidia" + minor);
        }
        SHARED_FILES.stream().filter(name -> Files.exists(devRoot.resolve(name))).forEach(files::add);
        List<DeviceNode> nodes = new ArrayList<>();
        files.forEach(name -> nodes.add(DeviceNode.of("/dev/" + name)));
        return new DeviceExposure(
                nodes,
                List.of(new DeviceRequest("nvidia", uuids, List.of("gpu"))),
                Map.of("NVIDIA_VISIBLE_DEVICES", String.join(",", uuids),
                        "NVIDIA_DRIVER_CAPABILITIES", DRIVER_CAPABILITIES),
                List.of());
    }
}
