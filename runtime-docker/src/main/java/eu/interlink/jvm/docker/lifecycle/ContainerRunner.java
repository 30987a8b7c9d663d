package eu.interlink.jvm.docker.lifecycle;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.engine.Labels;
import eu.interlink.jvm.docker.sandbox.SandboxDevices;
import eu.interlink.jvm.docker.security.Capabilities;
import eu.interlink.jvm.docker.security.ContainerSecurity;
import eu.interlink.jvm.docker.spec.ContainerResources;
import java.util.List;
import java.util.Map;

/**
 * Creates, starts, inspects and removes a pod's containers on its sandbox's inner engine. Each container
 * shares the sandbox's network namespace ({@code network_mode: host}), so a pod's containers share one IP and
 * {@code localhost}, as in Kubernetes.
 */
public final class ContainerRunner {

    /**
     * Creates the container and returns its id. A container that has its name already is the leftover of an earlier
     * try whose answer was lost (a call that timed out on this side after the engine had done it), since every run
     * of a spec container has a name of its own: it is removed, and the create tried once more.
     */
    public String create(Engine inner, InnerContainerSpec spec) {
        try {
            return createOnce(inner, spec);
        } catch (ConflictException e) {
            remove(inner, spec.name());
            return createOnce(inner, spec);
        }
    }

    private static String createOnce(Engine inner, InnerContainerSpec spec) {
        return inner.call("create container " + spec.name(), client -> {
            CreateContainerCmd create = client.createContainerCmd(spec.image())
                    .withName(spec.name())
                    .withLabels(spec.labels())
                    .withEnv(spec.env())
                    .withStdinOpen(spec.stdin())
                    .withTty(spec.tty())
                    .withHostName(spec.hostname())
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
            if (spec.user() != null) {
                create.withUser(spec.user());
            }
            return create.exec().getId();
        });
    }

    private static HostConfig hostConfig(InnerContainerSpec spec) {
        ContainerResources resources = spec.resources();
        HostConfig config = HostConfig.newHostConfig().withNetworkMode("host").withBinds(binds(spec));
        if (!spec.devices().isEmpty()) {
            config.withDevices(spec.devices().stream()
                    .map(node -> new Device(node.permissions(), node.containerPath(), node.hostPath())).toList());
        }
        if (!spec.deviceRequests().isEmpty()) {
            config.withDeviceRequests(spec.deviceRequests().stream().map(SandboxDevices::request).toList());
        }
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
        return secured(config, spec.security());
    }

    private static HostConfig secured(HostConfig config, ContainerSecurity security) {
        if (!security.groupAdd().isEmpty()) {
            config.withGroupAdd(security.groupAdd());
        }
        if (security.readOnlyRootfs()) {
            config.withReadonlyRootfs(true);
        }
        if (security.privileged()) {
            config.withPrivileged(true);
        }
        if (!security.capAdd().isEmpty()) {
            config.withCapAdd(capabilities(security.capAdd()));
        }
        if (!security.capDrop().isEmpty()) {
            config.withCapDrop(capabilities(security.capDrop()));
        }
        if (!security.securityOpts().isEmpty()) {
            config.withSecurityOpts(security.securityOpts());
        }
        if (!security.sysctls().isEmpty()) {
            config.withSysctls(security.sysctls());
        }
        return config;
    }

    /** The validator let only known names through. */
    private static Capability[] capabilities(List<String> names) {
        return names.stream().map(name -> Capabilities.of(name).orElseThrow()).toArray(Capability[]::new);
    }

    private static List<Bind> binds(InnerContainerSpec spec) {
        return spec.mounts().stream().map(mount -> new Bind(mount.source(), new Volume(mount.mountPath()),
                mount.readOnly() ? AccessMode.ro : AccessMode.rw)).toList();
    }

    /** Starts the container; a start that fails is also recorded by Docker on the container (exit code, error). */
    public void start(Engine inner, String containerId) {
        inner.call("start container " + containerId, client -> client.startContainerCmd(containerId).exec());
    }

    /** Sends the container's main process a signal, such as {@code SIGTERM}. */
    public void kill(Engine inner, String containerId, String signal) {
        inner.call("send " + signal + " to " + containerId,
                client -> client.killContainerCmd(containerId).withSignal(signal).exec());
    }

    /** What Docker says about the container now. */
    public ContainerSnapshot inspect(Engine inner, String containerId) {
        return ContainerSnapshot.of(inner.call("inspect container " + containerId,
                client -> client.inspectContainerCmd(containerId).exec()));
    }

    /** Every container, running or not, that the inner engine has of the pod with this UID. */
    public List<Container> containersOf(Engine inner, String podUid) {
        return inner.call("list the containers of pod " + podUid, client -> client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.ROLE, Labels.ROLE_POD_CONTAINER, Labels.POD_UID, podUid)).exec());
    }

    /** Removes the container of this id or name, running or not; one that is gone already is fine. */
    public void remove(Engine inner, String containerId) {
        try {
            inner.call("remove container " + containerId,
                    client -> client.removeContainerCmd(containerId).withForce(true).exec());
        } catch (NotFoundException e) {
            // Removed already: what was asked is done.
        }
    }
}
