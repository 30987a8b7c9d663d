package eu.interlink.jvm.docker.sandbox;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import eu.interlink.jvm.docker.engine.Cancellation;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.engine.EngineFactory;
import eu.interlink.jvm.docker.engine.Labels;
import eu.interlink.jvm.docker.engine.StreamCallback;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds sandboxes: a folder, a volume for {@code /var/lib/docker} and a Docker-in-Docker container whose inner
 * engine listens on {@code unix://<folder>/docker.sock}; the build ends when that engine answers a ping.
 *
 * <p>A build that fails, or is cancelled, removes what it made before it throws: nothing leaks.
 */
public final class SandboxFactory {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxFactory.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final String INNER_DATA_ROOT = "/var/lib/docker";

    private final Engine host;
    private final EngineFactory engines;
    private final SandboxLayout layout;
    private final DindImageResolver dindImages;
    private final DindImageResolver gpuDindImages;
    private final SandboxSecurity security;
    private final SandboxRemover remover;
    private final Duration startTimeout;
    private final SandboxNetwork network;
    private final RegistryFlags registries;

    /**
     * @param startTimeout how long the inner engine may take to answer ({@code Docker.SandboxStartTimeoutSeconds})
     * @param network      the host network sandboxes join ({@code Docker.DindNetwork})
     * @param registries   the inner engines' mirrors and insecure registries ({@code Docker.RegistryMirrors},
     *                     {@code Docker.InsecureRegistries})
     * @param gpuDindImages the image of sandboxes that get devices through the engine's device driver
     *                      ({@code Docker.GpuDindImage}), whose inner engine must have the same driver
     */
    public SandboxFactory(Engine host, EngineFactory engines, SandboxLayout layout, DindImageResolver dindImages,
            SandboxSecurity security, SandboxRemover remover, Duration startTimeout, SandboxNetwork network,
            RegistryFlags registries, DindImageResolver gpuDindImages) {
        this.host = host;
        this.engines = engines;
        this.layout = layout;
        this.dindImages = dindImages;
        this.gpuDindImages = gpuDindImages;
        this.security = security;
        this.remover = remover;
        this.startTimeout = startTimeout;
        this.network = network;
        this.registries = registries;
    }

    /**
     * Builds a sandbox and waits until its inner engine answers.
     *
     * @param id           the new sandbox's id, from {@link SandboxLayout#newId()}
     * @param pooled       whether it is built for the pool rather than for a given pod; said in its labels
     * @param needs        what the pod it is built for needs of it: its address, host ports, host paths, cpu and
     *                     memory; {@link SandboxNeeds#NONE} for the pool
     * @param cancellation stops the build; what was made is then removed
     * @throws SandboxException      when it cannot be built, saying why in terms of the pod (a host port in use)
     * @throws CancellationException when cancelled
     */
    public Sandbox build(String id, boolean pooled, SandboxNeeds needs, Cancellation cancellation) {
        long start = System.nanoTime();
        Engine inner = null;
        try {
            layout.requireSocketFits(id);
            Map<String, String> labels = Labels.sandbox(id, pooled, layout.dataRootFolder());
            Path folder = Files.createDirectories(layout.folder(id));
            // The pod's Secrets are written here: no other user of the host may look in.
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            String image = (SandboxDevices.throughDriver(needs.devices()) ? gpuDindImages : dindImages)
                    .resolve(cancellation);
            if (needs.address() == null) {
                network.ensure();
            }
            createVolume(id, labels);
            String containerId = startContainer(id, image, labels, folder, needs);
            inner = engines.unixSocket(layout.socket(id));
            awaitInnerEngine(containerId, layout.socket(id), inner, cancellation);
            ContainerNetwork address = addressOf(id, containerId, needs);
            LOG.info("Sandbox {} ({}) ready in {} ms", id, image, (System.nanoTime() - start) / 1_000_000);
            return new Sandbox(id, inner, folder, ip(address, needs), nullToEmpty(address.getGateway()));
        } catch (RuntimeException | IOException e) {
            if (inner != null) {
                inner.close();
            }
            removeQuietly(id);
            if (e instanceof CancellationException || e instanceof SandboxException) {
                throw (RuntimeException) e;
            }
            throw new SandboxException("cannot build sandbox " + id + ": " + DockerMessages.oneLine(e), e);
        }
    }

    /**
     * Connects again to a sandbox that an earlier runtime built and whose container runs, once its inner engine
     * answers (it may still be starting, when that runtime stopped during the build).
     *
     * @param needs what the pod it was built for needs of it, which tells its network and address
     * @throws SandboxException      when its container stopped, or its engine does not answer within the start timeout
     * @throws CancellationException when cancelled
     */
    public Sandbox reopen(String id, SandboxNeeds needs, Cancellation cancellation) {
        Engine inner = engines.unixSocket(layout.socket(id));
        try {
            String containerName = layout.containerName(id);
            awaitInnerEngine(containerName, layout.socket(id), inner, cancellation);
            ContainerNetwork address = addressOf(id, containerName, needs);
            return new Sandbox(id, inner, layout.folder(id), ip(address, needs), nullToEmpty(address.getGateway()));
        } catch (RuntimeException e) {
            inner.close();
            throw e instanceof SandboxException || e instanceof CancellationException ? e
                    : new SandboxException("cannot connect to sandbox " + id + ": " + DockerMessages.oneLine(e), e);
        }
    }

    /** The sandbox's address on its network, as the host engine tells it. */
    private ContainerNetwork addressOf(String id, String container, SandboxNeeds needs) {
        return SandboxNetwork.addressIn(networkOf(needs), host.call("inspect sandbox container " + id,
                client -> client.inspectContainerCmd(container).exec()).getNetworkSettings());
    }

    /** The pod's IP: the fixed one it asked for, else the one the engine gave the sandbox. */
    private static String ip(ContainerNetwork address, SandboxNeeds needs) {
        return needs.address() == null ? nullToEmpty(address.getIpAddress()) : needs.address().ip().getHostAddress();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private void createVolume(String id, Map<String, String> labels) {
        Map<String, String> volumeLabels = new HashMap<>(labels);
        volumeLabels.put(Labels.ROLE, Labels.ROLE_SANDBOX_STORAGE);
        host.call("create volume for sandbox " + id,
                client -> client.createVolumeCmd().withName(layout.volumeName(id)).withLabels(volumeLabels).exec());
    }

    private String startContainer(String id, String image, Map<String, String> labels, Path folder,
            SandboxNeeds needs) {
        Map<String, String> containerLabels = new HashMap<>(labels);
        containerLabels.put(Labels.ROLE, Labels.ROLE_SANDBOX);
        List<Bind> binds = new ArrayList<>(List.of(
                new Bind(folder.toString(), new Volume(folder.toString()), AccessMode.rw),
                new Bind(layout.volumeName(id), new Volume(INNER_DATA_ROOT), AccessMode.rw)));
        needs.hostPaths().forEach(host -> binds.add(new Bind(host.source().toString(),
                new Volume(host.path().toString()), host.readOnly() ? AccessMode.ro : AccessMode.rw)));
        binds.addAll(SandboxDevices.mounts(needs.devices()));
        // The official docker:dind entrypoint takes "dockerd <flags>" as its command, as our image does; each flag is
        // one argument, which no shell reads.
        List<String> command = new ArrayList<>(List.of("dockerd",
                "--host=unix://" + layout.socket(id),
                "--cgroup-parent=/" + layout.cgroupParent(id)));
        command.addAll(registries.dockerdArguments());
        RuntimeException refusal = null;
        for (DindSecurity mode : security.candidates()) {
            HostConfig hostConfig = SandboxResources.configure(security.hostConfig(mode, binds), needs.resources())
                    .withNetworkMode(networkOf(needs))
                    .withPortBindings(portBindings(needs.hostPorts()))
                    .withDevices(SandboxDevices.nodes(needs.devices()))
                    .withDeviceRequests(SandboxDevices.requests(needs.devices()));
            String containerId = host.call("create sandbox container " + id, client -> {
                CreateContainerCmd create = client.createContainerCmd(image)
                        .withName(layout.containerName(id))
                        .withLabels(containerLabels)
                        .withCmd(command)
                        // Stops docker:dind's entrypoint from making TLS certificates for a TCP listener nobody uses.
                        .withEnv("DOCKER_TLS_CERTDIR=")
                        .withExposedPorts(needs.hostPorts().stream().map(SandboxFactory::exposed).toList())
                        .withHostConfig(hostConfig);
                fixAddress(create, needs);
                return create.exec();
            }).getId();
            try {
                host.call("start sandbox container " + id, client -> client.startContainerCmd(containerId).exec());
                security.worked(mode, refusal);
                return containerId;
            } catch (DockerException e) {
                host.call("remove sandbox container " + id,
                        client -> client.removeContainerCmd(containerId).withForce(true).exec());
                NeedsConflict.of(e, needs).ifPresent(conflict -> {
                    throw new SandboxException(conflict, e);
                });
                refusal = e;
            }
        }
        throw new SandboxException("the engine refused to start sandbox " + id + ": " + DockerMessages.oneLine(refusal),
                refusal);
    }

    /** The network the sandbox joins: the one of its fixed address, else {@code Docker.DindNetwork}. */
    private String networkOf(SandboxNeeds needs) {
        return needs.address() == null ? network.name() : needs.address().network();
    }

    private static void fixAddress(CreateContainerCmd create, SandboxNeeds needs) {
        if (needs.address() == null) {
            return;
        }
        InetAddress ip = needs.address().ip();
        if (ip instanceof Inet6Address) {
            create.withIpv6Address(ip.getHostAddress());
        } else {
            create.withIpv4Address(ip.getHostAddress());
        }
    }

    private static ExposedPort exposed(HostPort port) {
        return new ExposedPort(port.containerPort(), InternetProtocol.parse(port.protocol()));
    }

    private static Ports portBindings(List<HostPort> hostPorts) {
        Ports ports = new Ports();
        for (HostPort port : hostPorts) {
            ports.bind(exposed(port), port.hostIp().isEmpty() ? Ports.Binding.bindPort(port.hostPort())
                    : Ports.Binding.bindIpAndPort(port.hostIp(), port.hostPort()));
        }
        return ports;
    }

    private void awaitInnerEngine(String containerId, Path socket, Engine inner, Cancellation cancellation) {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        RuntimeException lastFailure = null;
        while (true) {
            if (cancellation.isCancelled()) {
                throw new CancellationException("the sandbox build was cancelled");
            }
            if (Files.exists(socket)) {
                try {
                    inner.call("ping", client -> client.pingCmd().exec());
                    return;
                } catch (RuntimeException e) {
                    lastFailure = e;
                }
            }
            InspectContainerResponse container = host.call("inspect sandbox container " + containerId,
                    client -> client.inspectContainerCmd(containerId).exec());
            if (!Boolean.TRUE.equals(container.getState().getRunning())) {
                throw new SandboxException("the sandbox's dockerd exited with code "
                        + container.getState().getExitCodeLong() + ": " + lastLogLines(containerId));
            }
            if (System.nanoTime() > deadline) {
                throw new SandboxException("the sandbox's inner engine did not answer within " + startTimeout.toSeconds()
                        + " s (Docker.SandboxStartTimeoutSeconds)"
                        + (lastFailure == null ? "" : ": " + DockerMessages.oneLine(lastFailure)));
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while the sandbox started");
            }
        }
    }

    /** The end of a dead sandbox's log, which says why its dockerd stopped. */
    private String lastLogLines(String containerId) {
        StringBuilder text = new StringBuilder();
        StreamCallback<Frame> collector = new StreamCallback<>() {
            @Override
            public synchronized void onNext(Frame frame) {
                if (!isClosed()) {
                    text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }
        };
        try (collector) {
            host.streams().logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(3).exec(collector)
                    .awaitCompletion(host.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            return "(its log cannot be read: " + DockerMessages.oneLine(e) + ")";
        }
        return text.toString().strip().replace('\n', ' ');
    }

    private void removeQuietly(String id) {
        try {
            remover.remove(id);
        } catch (RuntimeException e) {
            LOG.warn("Could not remove the remains of sandbox {}: {}", id, DockerMessages.oneLine(e));
        }
    }
}
