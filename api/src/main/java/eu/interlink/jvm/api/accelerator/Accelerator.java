package eu.interlink.jvm.api.accelerator;

import java.util.List;
import java.util.Map;

/**
 * A kind of device that pods ask for as an extended resource ({@code resources.limits["nvidia.com/gpu"]: 2}).
 *
 * <p>The runtime owns allocation: it asks the accelerator which devices exist, decides which a pod gets, records
 * that on its own objects, and asks how to expose them. An accelerator keeps no allocation state of its own.
 *
 * <pre>
 *   runtime ──discover()──► [gpu-0, gpu-1, ...]      (at start, and when asked to refresh)
 *   runtime ──expose([gpu-1])──► DeviceExposure      (device nodes, device requests, env, mounts)
 *   runtime applies the exposure to the pod's sandbox and to its containers
 * </pre>
 *
 * <p>Implementations must be thread-safe. {@link #discover()} may run external tools but must return within
 * seconds (time out and report nothing rather than hang). {@link #expose} must be pure: same devices, same answer.
 */
public interface Accelerator {

    /**
     * The extended resource name, such as {@code nvidia.com/gpu}; the same as its provider's.
     *
     * @return the resource name; never null
     */
    String resourceName();

    /**
     * The devices present on this machine now, each with an id that stays the same across restarts and reboots
     * (a GPU's UUID, not its index).
     *
     * @return the devices, in a stable order; never null; empty when no device or driver is present
     */
    List<AcceleratorDevice> discover();

    /**
     * How to give a pod exactly these devices and no others, without naming any container engine's API.
     *
     * @param devices devices this accelerator discovered; never null or empty
     * @return what the sandbox and the pod's containers need; never null
     */
    DeviceExposure expose(List<AcceleratorDevice> devices);

    /**
     * The variables that keep a container that asks for none of this resource from seeing any, in a pod whose other
     * containers hold some: for an engine runtime that would otherwise expose every device (NVIDIA's reads
     * {@code NVIDIA_VISIBLE_DEVICES=void}). Optional; the default sets none.
     *
     * @return the variables; never null
     */
    default Map<String, String> hidingEnvironment() {
        return Map.of();
    }
}
