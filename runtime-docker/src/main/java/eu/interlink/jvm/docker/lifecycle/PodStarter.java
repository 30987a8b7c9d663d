package eu.interlink.jvm.docker.lifecycle;

import com.github.dockerjava.api.exception.DockerException;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.EngineException;
import eu.interlink.jvm.docker.images.ImageSupplier;
import eu.interlink.jvm.docker.images.ImageUnavailableException;
import eu.interlink.jvm.docker.sandbox.Sandbox;
import eu.interlink.jvm.docker.sandbox.SandboxException;
import eu.interlink.jvm.docker.sandbox.SandboxFactory;
import io.fabric8.kubernetes.api.model.Container;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a pod, in the background: builds its sandbox, makes each image present in it, runs the init containers one
 * by one to completion, then creates and starts the regular containers.
 *
 * <p>Every failure ends in a state the pod's status reports (a reason and a message per container); a cancelled start
 * (delete, or the runtime's close) stops at the next step and leaves the removal to whoever cancelled it.
 */
public final class PodStarter {

    private static final Logger LOG = LoggerFactory.getLogger(PodStarter.class);

    private final SandboxFactory sandboxes;
    private final ImageSupplier images;
    private final ContainerRunner runner;

    public PodStarter(SandboxFactory sandboxes, ImageSupplier images, ContainerRunner runner) {
        this.sandboxes = sandboxes;
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
            fail(pod, new Reason("ErrImagePull", e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("Pod {} failed to start", pod.identity(), e);
            fail(pod, new Reason("StartError", DockerMessages.oneLine(e)));
        } finally {
            pod.markStartEnded();
        }
    }

    private void run(PodRecord pod) {
        pod.waiting(new Reason(PodRecord.CONTAINER_CREATING, "building sandbox"));
        Sandbox sandbox = sandboxes.build(pod.sandboxId(), pod.identity().labels(), pod.cancellation());
        pod.attach(sandbox);
        for (String image : Stream.concat(pod.initContainers().stream(), pod.containers().stream())
                .map(Container::getImage).distinct().toList()) {
            requireNotCancelled(pod);
            images.supply(image, sandbox.engine(), pod.cancellation(),
                    progress -> pod.waiting(new Reason(PodRecord.CONTAINER_CREATING, progress)));
        }
        if (!runInitContainers(pod, sandbox)) {
            return;
        }
        pod.waiting(new Reason(PodRecord.CONTAINER_CREATING, "starting containers"));
        for (Container container : pod.containers()) {
            requireNotCancelled(pod);
            createAndStart(pod, sandbox, container);
        }
        LOG.info("Pod {} started in sandbox {}", pod.identity(), sandbox.id());
    }

    /** Runs the init containers in order; false when one failed, which ends the pod. */
    private boolean runInitContainers(PodRecord pod, Sandbox sandbox) {
        if (!pod.initContainers().isEmpty()) {
            pod.waiting(new Reason(PodRecord.POD_INITIALIZING, null));
        }
        for (Container init : pod.initContainers()) {
            requireNotCancelled(pod);
            if (!createAndStart(pod, sandbox, init)) {
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
    private boolean createAndStart(PodRecord pod, Sandbox sandbox, Container container) {
        String containerId;
        try {
            containerId = runner.create(sandbox.engine(), InnerContainerSpec.of(pod.identity(), container));
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
