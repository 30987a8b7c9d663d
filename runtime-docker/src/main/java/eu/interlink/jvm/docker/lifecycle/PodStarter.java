package eu.interlink.jvm.docker.lifecycle;

import com.github.dockerjava.api.exception.DockerException;
import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.EngineException;
import eu.interlink.jvm.docker.images.ImageSupplier;
import eu.interlink.jvm.docker.images.ImageUnavailableException;
import eu.interlink.jvm.docker.images.PullPolicy;
import eu.interlink.jvm.docker.sandbox.Sandbox;
import eu.interlink.jvm.docker.sandbox.SandboxClaims;
import eu.interlink.jvm.docker.sandbox.SandboxException;
import eu.interlink.jvm.docker.sandbox.SandboxFactory;
import eu.interlink.jvm.docker.spec.Environment;
import eu.interlink.jvm.docker.spec.PodAddress;
import eu.interlink.jvm.docker.volumes.VolumeWriter;
import io.fabric8.kubernetes.api.model.Container;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a pod, in the background: claims its sandbox ({@link SandboxClaims}) and builds it, unless it was taken
 * ready from the pool; writes its volumes into the sandbox's folder, makes each image present in the sandbox, runs the
 * init containers one by one to completion, then creates and starts the regular containers, each with its environment
 * resolved and its volumes mounted.
 *
 * <p>Every failure ends in a state the pod's status reports (a reason and a message per container); a cancelled start
 * (delete, or the runtime's close) stops at the next step and leaves the removal to whoever cancelled it.
 */
public final class PodStarter {

    private static final Logger LOG = LoggerFactory.getLogger(PodStarter.class);
    private static final String VOLUMES_FOLDER = "volumes";
    private static final String CONFIG_ERROR = "CreateContainerConfigError";

    private final SandboxFactory sandboxes;
    private final SandboxClaims claims;
    private final ImageSupplier images;
    private final ContainerRunner runner;

    public PodStarter(SandboxFactory sandboxes, SandboxClaims claims, ImageSupplier images, ContainerRunner runner) {
        this.sandboxes = sandboxes;
        this.claims = claims;
        this.images = images;
        this.runner = runner;
    }

    /**
     * Runs the pod's start to its end, unless it was cancelled before it began; never throws, and always completes
     * {@link PodRecord#startEnded()}.
     */
    public void start(PodRecord pod) {
        if (!pod.claimStart()) {
            return;
        }
        try {
            run(pod);
        } catch (CancellationException e) {
            LOG.debug("The start of pod {} was cancelled", pod.identity());
        } catch (SandboxException e) {
            fail(pod, new Reason("CreatePodSandboxError", e.getMessage()));
        } catch (ImageUnavailableException e) {
            fail(pod, new Reason(e.reason(), e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("Pod {} failed to start", pod.identity(), e);
            fail(pod, new Reason("StartError", DockerMessages.oneLine(e)));
        } finally {
            pod.markStartEnded();
        }
    }

    private void run(PodRecord pod) {
        requireNotCancelled(pod);
        pod.waiting(new Reason(PodRecord.CONTAINER_CREATING, "claiming sandbox"));
        claims.claim(pod.sandboxId(), pod.identity().labels(), pod.cancellation());
        Sandbox sandbox = pod.sandbox().orElseGet(() -> build(pod));
        VolumeWriter volumes = new VolumeWriter(sandbox.folder().resolve(VOLUMES_FOLDER));
        try {
            volumes.write(pod.plan().volumes());
        } catch (IOException e) {
            fail(pod, new Reason(CONFIG_ERROR, "cannot write the pod's volumes: " + e.getMessage()));
            return;
        }
        for (Map.Entry<String, PullPolicy> image : imagesToSupply(pod).entrySet()) {
            requireNotCancelled(pod);
            images.supply(image.getKey(), image.getValue(), sandbox.engine(), pod.cancellation(),
                    progress -> pod.waiting(new Reason(PodRecord.CONTAINER_CREATING, progress)));
        }
        ContainerSetup setup = new ContainerSetup(pod, sandbox, volumes);
        if (!runInitContainers(pod, sandbox, setup)) {
            return;
        }
        pod.waiting(new Reason(PodRecord.CONTAINER_CREATING, "starting containers"));
        for (Container container : pod.containers()) {
            requireNotCancelled(pod);
            createAndStart(pod, sandbox, setup, container);
        }
        LOG.info("Pod {} started in sandbox {}", pod.identity(), sandbox.id());
    }

    private Sandbox build(PodRecord pod) {
        pod.waiting(new Reason(PodRecord.CONTAINER_CREATING, "building sandbox"));
        Sandbox sandbox = sandboxes.build(pod.sandboxId(), false, pod.cancellation());
        pod.attach(sandbox);
        return sandbox;
    }

    /** Each image the pod's containers use, once, with the most demanding of their pull policies. */
    private static Map<String, PullPolicy> imagesToSupply(PodRecord pod) {
        return Stream.concat(pod.initContainers().stream(), pod.containers().stream())
                .collect(Collectors.toMap(Container::getImage, PullPolicy::of,
                        (one, other) -> one.compareTo(other) <= 0 ? one : other, LinkedHashMap::new));
    }

    /** Runs the init containers in order; false when one failed, which ends the pod. */
    private boolean runInitContainers(PodRecord pod, Sandbox sandbox, ContainerSetup setup) {
        if (!pod.initContainers().isEmpty()) {
            pod.waiting(new Reason(PodRecord.POD_INITIALIZING, null));
        }
        for (Container init : pod.initContainers()) {
            requireNotCancelled(pod);
            if (!createAndStart(pod, sandbox, setup, init)) {
                pod.failPod(initFailed(init, "CreateContainerError", "could not be created"));
                return false;
            }
            String containerId = pod.containerId(init.getName()).orElseThrow();
            long exitCode = runner.awaitExit(sandbox.engine(), containerId, pod.cancellation());
            if (exitCode != 0) {
                pod.failPod(initFailed(init, "Error", "exited with code " + exitCode));
                return false;
            }
        }
        return true;
    }

    /** Creates and starts one container; false when it could not be created (its own status then says why). */
    private boolean createAndStart(PodRecord pod, Sandbox sandbox, ContainerSetup setup, Container container) {
        InnerContainerSpec spec;
        try {
            spec = setup.specOf(container);
        } catch (IOException | InvalidPodException e) {
            pod.failContainer(container.getName(), new Reason(CONFIG_ERROR, e.getMessage()));
            return false;
        }
        String containerId;
        try {
            containerId = runner.create(sandbox.engine(), spec);
        } catch (DockerException | EngineException e) {
            pod.failContainer(container.getName(), new Reason("CreateContainerError", DockerMessages.oneLine(e)));
            return false;
        }
        pod.containerCreated(container.getName(), containerId);
        try {
            runner.start(sandbox.engine(), containerId);
        } catch (DockerException | EngineException e) {
            // Docker records a failed start on the container (exit code and error), so its status reports it.
            LOG.info("Container {} of pod {} failed to start: {}", container.getName(), pod.identity(),
                    DockerMessages.oneLine(e));
        }
        return true;
    }

    /** What a container gets from its pod: its variables, now that the pod's IP is known, and its mounts. */
    private record ContainerSetup(PodRecord pod, Sandbox sandbox, VolumeWriter volumes) {

        InnerContainerSpec specOf(Container container) throws IOException {
            Environment environment = new Environment(pod.pod(), pod.plan().sent(),
                    new PodAddress(sandbox.ip(), sandbox.gateway()));
            return InnerContainerSpec.of(pod.identity(), container, environment.of(container),
                    volumes.resolve(pod.plan().volumes().mountsOf(container.getName())));
        }
    }

    private static Reason initFailed(Container init, String how, String detail) {
        return new Reason("Init:" + init.getName() + ":" + how,
                "init container " + init.getName() + " " + detail + ", so the pod's containers did not run");
    }

    private static void requireNotCancelled(PodRecord pod) {
        if (pod.cancellation().isCancelled()) {
            throw new CancellationException("the start of pod " + pod.identity() + " was cancelled");
        }
    }

    private static void fail(PodRecord pod, Reason reason) {
        LOG.info("Pod {} failed: {}: {}", pod.identity(), reason.reason(), reason.message());
        pod.failPod(reason);
    }
}
