package eu.interlink.jvm.docker.lifecycle;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.api.model.WaitResponse;
import eu.interlink.jvm.docker.engine.Cancellation;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.engine.EngineException;
import eu.interlink.jvm.docker.engine.StreamCallback;
import eu.interlink.jvm.docker.spec.ContainerResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Creates, starts and waits for a pod's containers on its sandbox's inner engine. Each container shares the
 * sandbox's network namespace ({@code network_mode: host}), so a pod's containers share one IP and
 * {@code localhost}, as in Kubernetes.
 */
public final class ContainerRunner {

    /** Creates the container and returns its id. */
    public String create(Engine inner, InnerContainerSpec spec) {
        return inner.call("create container " + spec.name(), client -> {
            CreateContainerCmd create = client.createContainerCmd(spec.image())
                    .withName(spec.name())
                    .withLabels(spec.labels())
                    .withEnv(spec.env())
                    .withHostConfig(hostConfig(spec));
            if (spec.entrypoint() != null) {
                create.withEntrypoint(spec.entrypoint());
            }
            if (spec.cmd() != null) {
                create.withCmd(spec.cmd());
            }
            if (spec.workingDir() != null) {
                create.withWorkingDir(spec.workingDir());
            }
            return create.exec().getId();
        });
    }

    private static HostConfig hostConfig(InnerContainerSpec spec) {
        ContainerResources resources = spec.resources();
        HostConfig config = HostConfig.newHostConfig().withNetworkMode("host").withBinds(binds(spec));
        if (resources.nanoCpus() != null) {
            config.withNanoCPUs(resources.nanoCpus());
        }
        if (resources.memoryBytes() != null) {
            // As kubelet does: the limit covers memory and swap together, so the container never swaps.
            config.withMemory(resources.memoryBytes()).withMemorySwap(resources.memoryBytes());
        }
        if (resources.cpuShares() != null) {
            config.withCpuShares(resources.cpuShares());
        }
        return config;
    }

    private static List<Bind> binds(InnerContainerSpec spec) {
        return spec.mounts().stream().map(mount -> new Bind(mount.source().toString(), new Volume(mount.mountPath()),
                mount.readOnly() ? AccessMode.ro : AccessMode.rw)).toList();
    }

    /** Starts the container; a start that fails is also recorded by Docker on the container (exit code, error). */
    public void start(Engine inner, String containerId) {
        inner.call("start container " + containerId, client -> client.startContainerCmd(containerId).exec());
    }

    /**
     * Waits, as long as it takes, until the container stops, and returns its exit code.
     *
     * @throws CancellationException when cancelled while waiting
     */
    public long awaitExit(Engine inner, String containerId, Cancellation cancellation) {
        StreamCallback<WaitResponse> wait = cancellation.track(
                inner.streams().waitContainerCmd(containerId).exec(new StreamCallback<>()));
        try (wait) {
            wait.awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for container " + containerId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            cancellation.untrack(wait);
        }
        if (cancellation.isCancelled()) {
            throw new CancellationException("cancelled while waiting for container " + containerId);
        }
        InspectContainerResponse.ContainerState state = inner.call("inspect container " + containerId,
                client -> client.inspectContainerCmd(containerId).exec()).getState();
        if (Boolean.TRUE.equals(state.getRunning())) {
            throw new EngineException(inner.address() + ": the wait for container " + containerId + " ended while it runs");
        }
        return state.getExitCodeLong() == null ? -1 : state.getExitCodeLong();
    }
}
