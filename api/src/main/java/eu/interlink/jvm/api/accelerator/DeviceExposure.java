package eu.interlink.jvm.api.accelerator;

import java.util.List;
import java.util.Map;

/**
 * How to expose allocated devices to a pod, in terms any container engine can apply.
 *
 * <p>A runtime applies all of it to the pod's sandbox and to each container that asked for the resource.
 *
 * @param deviceNodes    host device files to pass through, such as {@code /dev/nvidia0}; never null
 * @param deviceRequests requests for an engine's device driver, such as NVIDIA's; never null
 * @param environment    variables to set in the containers, such as {@code NVIDIA_VISIBLE_DEVICES}; never null
 * @param mounts         host paths to mount, such as driver libraries; never null
 */
public record DeviceExposure(
        List<String> deviceNodes,
        List<DeviceRequest> deviceRequests,
        Map<String, String> environment,
        List<HostMount> mounts) {

    public DeviceExposure {
        deviceNodes = List.copyOf(deviceNodes);
        deviceRequests = List.copyOf(deviceRequests);
        environment = Map.copyOf(environment);
        mounts = List.copyOf(mounts);
    }

    /**
     * A request to a container engine's device driver.
     *
     * @param driver       the driver, such as {@code nvidia}
     * @param deviceIds    the devices, by id
     * @param capabilities the capabilities asked for, such as {@code gpu}
     */
    public record DeviceRequest(String driver, List<String> deviceIds, List<String> capabilities) {

        public DeviceRequest {
            deviceIds = List.copyOf(deviceIds);
            capabilities = List.copyOf(capabilities);
        }
    }

    /**
     * A host path mounted into the sandbox and the containers.
     *
     * @param hostPath      the path on the host
     * @param containerPath the path inside
     * @param readOnly      whether it is mounted read-only
     */
    public record HostMount(String hostPath, String containerPath, boolean readOnly) {
    }
}
