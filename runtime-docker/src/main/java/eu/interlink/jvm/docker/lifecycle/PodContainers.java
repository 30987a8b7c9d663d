package eu.interlink.jvm.docker.lifecycle;

import com.github.dockerjava.api.exception.DockerException;
import eu.interlink.jvm.api.accelerator.AcceleratorDevice;
import eu.interlink.jvm.api.accelerator.DeviceExposure;
import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.docker.accelerators.DeviceAllocator;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.engine.EngineException;
import eu.interlink.jvm.docker.network.HostsFile;
import eu.interlink.jvm.docker.sandbox.Sandbox;
import eu.interlink.jvm.docker.security.ContainerSecurity;
import eu.interlink.jvm.docker.security.RunAsNonRoot;
import eu.interlink.jvm.docker.spec.Environment;
import eu.interlink.jvm.docker.spec.PodAddress;
import eu.interlink.jvm.docker.volumes.ResolvedMount;
import eu.interlink.jvm.docker.volumes.VolumeWriter;
import io.fabric8.kubernetes.api.model.Container;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pod's spec containers in its sandbox, once its volumes are written: creates and starts the inner container
 * of each run, with the container's environment resolved (now that the pod's IP is known), its volumes and its
 * termination message file ({@link TerminationMessages}) mounted, and records it on the pod, with what Docker says
 * about it once it was started; then hands the run to the {@link RunGuard}, for its postStart hook and its probes.
 */
final class PodContainers {

    private static final Logger LOG = LoggerFactory.getLogger(PodContainers.class);
    static final String CONFIG_ERROR = "CreateContainerConfigError";
    private static final String CREATE_ERROR = "CreateContainerError";

    private final PodRecord pod;
    private final Sandbox sandbox;
    private final VolumeWriter volumes;
    private final ContainerRunner runner;
    private final ContainerObserver observer;
    private final List<ResolvedMount> podFiles;
    private final RunGuard guard;
    private final DeviceAllocator devices;

    /**
     * @param podFiles the pod's {@code /etc/hosts} and {@code /etc/resolv.conf}, mounted into each container that
     *                 does not mount something else there
     */
    PodContainers(PodRecord pod, Sandbox sandbox, VolumeWriter volumes, List<ResolvedMount> podFiles,
            ContainerRunner runner, ContainerObserver observer, RunGuard guard, DeviceAllocator devices) {
        this.pod = pod;
        this.sandbox = sandbox;
        this.volumes = volumes;
        this.podFiles = List.copyOf(podFiles);
        this.runner = runner;
        this.observer = observer;
        this.guard = guard;
        this.devices = devices;
    }

    PodRecord pod() {
        return pod;
    }

    Engine engine() {
        return sandbox.engine();
    }

    /** Creates and starts the container's first run; the reason it could not be created, if it could not. */
    Optional<Reason> launch(Container container) {
        AtomicReference<Reason> failure = new AtomicReference<>();
        Optional<String> created = create(container, 0, failure::set);
        created.ifPresent(id -> {
            pod.containerCreated(container.getName(), id);
            start(container, id);
        });
        return Optional.ofNullable(failure.get());
    }

    /**
     * Creates and starts the container's next run, after the current one ended, and removes the run before it: only
     * the last ended run is kept, for its log. False when it could not be created: the next try then waits longer.
     *
     * @param ended     the current run, ended
     * @param pausedFor the pause before this restart
     */
    boolean restart(Container container, ContainerSnapshot ended, Duration pausedFor) {
        ContainerRuns runs = pod.runs(container.getName()).orElseThrow();
        // Removed only once the next run exists, so that Previous logs keep working while a restart fails.
        ContainerSnapshot beforeLast = runs.previous();
        Optional<String> created = create(container, runs.restartCount() + 1, reason -> {
            LOG.warn("Container {} of pod {} could not be restarted: {}: {}", container.getName(), pod.identity(),
                    reason.reason(), reason.message());
            pod.restartFailed(container.getName(), pausedFor);
        });
        created.ifPresent(id -> {
            pod.containerRestarted(container.getName(), id, ended, pausedFor);
            if (beforeLast != null) {
                removeQuietly(container, beforeLast.containerId(), runs.restartCount() - 1);
            }
            start(container, id);
        });
        return created.isPresent();
    }

    private Optional<String> create(Container container, int restartCount, Consumer<Reason> failed) {
        if (pod.deadlineExceeded() != null) {
            failed.accept(new Reason(DeadlineExceeded.REASON, DeadlineExceeded.MESSAGE));
            return Optional.empty();
        }
        InnerContainerSpec spec;
        try {
            ContainerSecurity security = ContainerSecurity.of(pod.pod().getSpec(), container);
            String imageUser = security.needsImageUser() ? imageUser(container.getImage()) : null;
            Optional<String> refusal = RunAsNonRoot.refusal(security, kubeletName(), container.getName(), imageUser);
            if (refusal.isPresent()) {
                failed.accept(new Reason(CONFIG_ERROR, refusal.get()));
                return Optional.empty();
            }
            Environment environment = new Environment(pod.pod(), pod.plan().sent(),
                    new PodAddress(sandbox.ip(), sandbox.gateway()));
            spec = InnerContainerSpec.of(pod.identity(), container, environment.of(container),
                    mounts(container, restartCount), security, security.dockerUser(imageUser), HostsFile.hostname(pod.pod()))
                    .withDevices(devicesOf(container));
        } catch (IOException | InvalidPodException e) {
            failed.accept(new Reason(CONFIG_ERROR, e.getMessage()));
            return Optional.empty();
        } catch (DockerException | EngineException e) {
            failed.accept(new Reason(CREATE_ERROR, DockerMessages.oneLine(e)));
            return Optional.empty();
        }
        try {
            return Optional.of(runner.create(engine(), restartCount == 0 ? spec : spec.afterRestarts(restartCount)));
        } catch (DockerException | EngineException e) {
            failed.accept(new Reason(CREATE_ERROR, DockerMessages.oneLine(e)));
            return Optional.empty();
        }
    }

    /**
     * How the container gets the devices it holds, and is kept from seeing those of the pod's other containers.
     */
    private List<DeviceExposure> devicesOf(Container container) {
        Map<String, List<AcceleratorDevice>> own = pod.devices().ofContainer(pod.plan().devices(),
                container.getName(), pod.initContainers().contains(container),
                pod.containers().stream().map(Container::getName).toList());
        List<DeviceExposure> exposures = new ArrayList<>(devices.exposures(own));
        exposures.addAll(devices.hiding(pod.devices(), own.keySet()));
        return exposures;
    }

    /**
     * The container's volumes and termination message file, then the pod's {@code /etc/hosts} and
     * {@code /etc/resolv.conf} unless the container mounts something else there.
     */
    private List<ResolvedMount> mounts(Container container, int restartCount) throws IOException {
        List<ResolvedMount> mounts = new ArrayList<>(volumes.resolve(pod.plan().volumes(), container.getName()));
        mounts.add(TerminationMessages.prepare(sandbox.folder(), container, restartCount));
        podFiles.stream()
                .filter(file -> mounts.stream().noneMatch(mount -> mount.mountPath().equals(file.mountPath())))
                .forEach(mounts::add);
        return mounts;
    }

    /** The image's {@code User}, as the sandbox's engine has the image (it was supplied before any container). */
    private String imageUser(String image) {
        return engine().call("inspect image " + image, client -> {
            var config = client.inspectImageCmd(image).exec().getConfig();
            return config == null ? null : config.getUser();
        });
    }

    /** The pod as kubelet names it in its messages. */
    private String kubeletName() {
        return pod.identity().name() + "_" + pod.identity().namespace() + "(" + pod.identity().uid() + ")";
    }

    /** Removes an old run's container; one left behind goes with the sandbox, so it does not hold the restart up. */
    private void removeQuietly(Container container, String containerId, int restartCount) {
        try {
            runner.remove(engine(), containerId);
            TerminationMessages.discard(sandbox.folder(), container, restartCount);
        } catch (DockerException | EngineException | IOException e) {
            LOG.info("An old run of container {} of pod {} was not removed: {}", container.getName(), pod.identity(),
                    DockerMessages.oneLine(e));
        }
    }

    /**
     * Takes over a run that an earlier runtime made, adopted on the pod's record: records what Docker says about it
     * now, then starts it if it was never started, or starts its probes if it runs (its postStart hook ran then).
     */
    void takeOver(Container container, String containerId) {
        observer.observe(pod, containerId);
        ContainerSnapshot run = pod.runs(container.getName()).map(ContainerRuns::current).orElse(null);
        if (run == null) {
            return;
        }
        if (run.progress() == 0) {
            start(container, containerId);
        } else if (!run.ended()) {
            guard.resumed(pod, sandbox, container, containerId);
        }
    }

    /** Starts the run's container, then runs its postStart hook and starts its probes, if it has them. */
    private void start(Container container, String containerId) {
        boolean started;
        guard.starting(pod, container, containerId);
        try {
            runner.start(engine(), containerId);
            if (pod.deadlineExceeded() != null) {
                // The deadline passed between the create and the start, after its kills were sent.
                runner.kill(engine(), containerId, "SIGKILL");
            }
            started = true;
        } catch (DockerException | EngineException e) {
            // Docker records a failed start on the container (exit code and error), so its status reports it.
            LOG.info("Container {} of pod {} failed to start: {}", container.getName(), pod.identity(),
                    DockerMessages.oneLine(e));
            started = false;
        }
        // Its events may come before or after; a failed start may send none.
        observer.observe(pod, containerId);
        if (started) {
            guard.started(pod, sandbox, container, containerId);
        }
    }
}
