package eu.interlink.jvm.api.accelerator;

import java.util.List;
import java.util.Map;

/**
 * How to expose allocated devices to a pod, in terms any container engine can apply.
 *
 * <p>A runtime applies it to the pod's sandbox and to each container that asked for the resource. Device nodes and
 * device requests are two ways to the same devices: a runtime whose engine has the driver of the requests uses them,
 * and the device nodes otherwise; environment and mounts apply in both cases.
 *
 * @param deviceNodes    host device files to pass through, such as {@code /dev/nvidia0}; never null
 * @param deviceRequests requests for an engine's device driver, such as NVIDIA's; never null
 * @param environment    variables to set in the containers, such as {@code NVIDIA_VISIBLE_DEVICES}; never null
 * @param mounts         host paths to mount, such as driver libraries; never null
 */
public record DeviceExposure(
        List<DeviceNode> deviceNodes,
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
     * A host device file passed through to the sandbox and the containers.
     *
     * @param hostPath      the device file on the host, such as {@code /dev/nvidia0}; never null
     * @param containerPath where the containers see it, such as {@code /dev/nvidia0}; never null
     * @param permissions   the cgroup permissions, some of {@code r}, {@code w} and {@code m} (mknod), such as
     *                      {@code rwm}; never null
     */
    public record DeviceNode(String hostPath, String containerPath, String permissions) {

        public DeviceNode {
            if (hostPath == null || containerPath == null || permissions == null
                    || !permissions.matches("r?w?m?") || permissions.isEmpty()) {
                throw new IllegalArgumentException("a device node needs a host path, a container path and permissions"
                        + " of r, w and m, in that order: " + hostPath + ", " + containerPath + ", " + permissions);
            }
        }

        /** The same device file inside as on the host, readable and writable (no mknod). */
        public static DeviceNode of(String path) {
            return new DeviceNode(path, path, "rw");
        }
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
