package eu.interlink.jvm.docker.sandbox;

import com.github.dockerjava.api.model.HostConfig;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.spec.ContainerResources;

/**
 * Gives a sandbox container the pod's whole cpu and memory, so that a pod cannot starve its neighbours: as it is
 * built, or when a pooled one is taken for the pod. Its memory limit is the pod's plus {@link #ENGINE_OVERHEAD_BYTES}
 * for the inner engine itself (dockerd and containerd), and it never swaps, as kubelet sets a pod's limits.
 */
public final class SandboxResources {

    /**
     * The memory the sandbox's inner engine needs besides the pod's containers: 128 MiB (an idle inner dockerd and
     * containerd use 40 to 50 MiB; each running container adds a containerd shim, and loading images fills the cache).
     */
    public static final long ENGINE_OVERHEAD_BYTES = 128L * 1024 * 1024;

    private final Engine host;
    private final SandboxLayout layout;

    public SandboxResources(Engine host, SandboxLayout layout) {
        this.host = host;
        this.layout = layout;
    }

    /** The host configuration of a sandbox container built with these resources. */
    static HostConfig configure(HostConfig config, ContainerResources pod) {
        ContainerResources sandbox = pod.withMoreMemory(ENGINE_OVERHEAD_BYTES);
        if (sandbox.nanoCpus() != null) {
            config.withNanoCPUs(sandbox.nanoCpus());
        }
        if (sandbox.memoryBytes() != null) {
            config.withMemory(sandbox.memoryBytes()).withMemorySwap(sandbox.memoryBytes());
        }
        if (sandbox.cpuShares() != null) {
            config.withCpuShares(sandbox.cpuShares());
        }
        return config;
    }

    /** Gives the running sandbox of this id the pod's resources; nothing to do when the pod has none. */
    public void apply(String sandboxId, ContainerResources pod) {
        if (pod.isEmpty()) {
            return;
        }
        ContainerResources sandbox = pod.withMoreMemory(ENGINE_OVERHEAD_BYTES);
        String container = layout.containerName(sandboxId);
        host.call("limit sandbox " + sandboxId, client -> client.updateContainerCmd(container)
                .withNanoCPUs(sandbox.nanoCpus())
                .withMemory(sandbox.memoryBytes())
                .withMemorySwap(sandbox.memoryBytes())
                .withCpuShares(sandbox.cpuShares())
                .exec());
    }
}
