package eu.interlink.jvm.docker.sandbox;

import eu.interlink.jvm.api.accelerator.DeviceExposure;
import eu.interlink.jvm.docker.spec.ContainerResources;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * What a pod needs of its sandbox. What only a sandbox built for the pod can have (a fixed address, host ports, host
 * paths, devices) makes it {@link #dedicated()}: such a pod never takes a sandbox from the pool. Its
 * cpu and memory are given to any sandbox, pooled or built.
 *
 * @param address   the network and address the sandbox must have, or null for an address of
 *                  {@code Docker.DindNetwork} chosen by the engine
 * @param hostPorts the host ports published to the sandbox
 * @param hostPaths host paths the sandbox sees at the same path (the pod's {@code hostPath} volumes); the start
 *                  checks them and replaces each source by where its links lead ({@link #withHostPaths}) before the
 *                  sandbox is built
 * @param resources the pod's whole cpu and memory, enforced on the sandbox container
 * @param devices   the devices the pod holds, as their accelerators expose them; given to the sandbox once the pod
 *                  holds them ({@link #withDevices})
 */
public record SandboxNeeds(FixedAddress address, List<HostPort> hostPorts, List<HostBind> hostPaths,
        ContainerResources resources, List<DeviceExposure> devices) {

    /** What a sandbox of the pool has: nothing particular. */
    public static final SandboxNeeds NONE = new SandboxNeeds(null, List.of(), List.of(),
            new ContainerResources(null, null, null), List.of());

    /**
     * A fixed address on a network of the host engine.
     *
     * @param network the network's name
     * @param ip      the sandbox's address on it
     */
    public record FixedAddress(String network, InetAddress ip) {
    }

    /**
     * A path of the host that the sandbox sees.
     *
     * @param source   where it is on the host: once the start has checked it, without links
     * @param path     where the sandbox sees it: the path as the pod's volume spells it, where its containers mount it
     * @param readOnly whether every mount of it in the pod is read-only, so that the sandbox sees it read-only too
     */
    public record HostBind(Path source, Path path, boolean readOnly) {
    }

    public SandboxNeeds {
        hostPorts = List.copyOf(hostPorts);
        hostPaths = List.copyOf(hostPaths);
        devices = List.copyOf(devices);
    }

    /** The same needs, with these host paths. */
    public SandboxNeeds withHostPaths(List<HostBind> binds) {
        return new SandboxNeeds(address, hostPorts, binds, resources, devices);
    }

    /** The same needs, with these devices. */
    public SandboxNeeds withDevices(List<DeviceExposure> exposures) {
        return new SandboxNeeds(address, hostPorts, hostPaths, resources, exposures);
    }

    /** Whether the sandbox must be built for the pod, rather than taken from the pool. */
    public boolean dedicated() {
        return address != null || !hostPorts.isEmpty() || !hostPaths.isEmpty() || !devices.isEmpty();
    }
}
