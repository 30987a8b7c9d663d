package eu.interlink.jvm.docker.sandbox;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.Volume;
import eu.interlink.jvm.api.accelerator.DeviceExposure;
import java.util.List;

/**
 * A pod's devices as the sandbox container gets them: each device node of the host at the path its accelerator
 * names, with its cgroup permissions, or the device requests for the engine's driver, and each of the accelerator's
 * host mounts. Inside the sandbox the pod's containers then get the same nodes, requests and mounts.
 */
public final class SandboxDevices {

    private SandboxDevices() {
    }

    static Device[] nodes(List<DeviceExposure> exposures) {
        return exposures.stream().flatMap(exposure -> exposure.deviceNodes().stream())
                .map(node -> new Device(node.permissions(), node.containerPath(), node.hostPath()))
                .toArray(Device[]::new);
    }

    static List<DeviceRequest> requests(List<DeviceExposure> exposures) {
        return exposures.stream().flatMap(exposure -> exposure.deviceRequests().stream())
                .map(SandboxDevices::request).toList();
    }

    /** The request as Docker takes it: the capabilities are one set, all of which the driver must offer. */
    public static DeviceRequest request(DeviceExposure.DeviceRequest request) {
        return new DeviceRequest().withDriver(request.driver()).withDeviceIds(request.deviceIds())
                .withCapabilities(List.of(request.capabilities()));
    }

    /** Whether the sandbox gets devices through an engine's device driver, and so needs a DIND image that has it. */
    static boolean throughDriver(List<DeviceExposure> exposures) {
        return exposures.stream().anyMatch(exposure -> !exposure.deviceRequests().isEmpty());
    }

    static List<Bind> mounts(List<DeviceExposure> exposures) {
        return exposures.stream().flatMap(exposure -> exposure.mounts().stream())
                .map(mount -> new Bind(mount.hostPath(), new Volume(mount.containerPath()),
                        mount.readOnly() ? AccessMode.ro : AccessMode.rw))
                .toList();
    }
}
