package eu.interlink.jvm.docker.lifecycle;

import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Container;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.engine.EngineFactory;
import eu.interlink.jvm.docker.engine.Labels;
import eu.interlink.jvm.docker.sandbox.SandboxLayout;
import eu.interlink.jvm.docker.sandbox.SandboxRemover;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes a pod's sandboxes: sends their running containers SIGTERM, gives them the grace period to stop, then removes
 * each sandbox with its volume and folder. A pod this runtime does not remember is found by its UID in labels.
 */
public final class PodTeardown {

    private static final Logger LOG = LoggerFactory.getLogger(PodTeardown.class);

    private final Engine host;
    private final EngineFactory engines;
    private final SandboxLayout layout;
    private final SandboxRemover remover;

    public PodTeardown(Engine host, EngineFactory engines, SandboxLayout layout, SandboxRemover remover) {
        this.host = host;
        this.engines = engines;
        this.layout = layout;
        this.remover = remover;
    }

    /**
     * Stops the sandboxes' containers, gracefully within {@code grace}, and removes the sandboxes.
     *
     * @param sandboxIds the sandboxes of one pod
     * @param grace      how long the containers may take to stop after SIGTERM
     */
    public void remove(Set<String> sandboxIds, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        for (String id : sandboxIds) {
            stopGracefully(id, deadline);
            remover.remove(id);
            LOG.info("Sandbox {} removed", id);
        }
    }

    /** The sandboxes labelled with the pod's UID, for a pod this runtime does not remember. */
    public Set<String> sandboxesOf(String podUid) {
        Set<String> ids = new LinkedHashSet<>();
        host.call("list the sandboxes of pod " + podUid, client -> client.listContainersCmd()
                        .withShowAll(true).withLabelFilter(Map.of(Labels.POD_UID, podUid)).exec())
                .forEach(container -> ids.add(container.getLabels().get(Labels.SANDBOX_ID)));
        List<InspectVolumeResponse> volumes = host.call("list the volumes of pod " + podUid, client -> client
                .listVolumesCmd().withFilter("label", List.of(Labels.filter(Labels.POD_UID, podUid))).exec().getVolumes());
        if (volumes != null) {
            volumes.forEach(volume -> ids.add(volume.getLabels().get(Labels.SANDBOX_ID)));
        }
        ids.remove(null);
        return ids;
    }

    private void stopGracefully(String sandboxId, long deadline) {
        Path socket = layout.socket(sandboxId);
        if (!Files.exists(socket)) {
            return;
        }
        try (Engine inner = engines.unixSocket(socket)) {
            List<Container> running = inner.call("list running containers", client -> client.listContainersCmd().exec());
            List<WaitContainerResultCallback> waits = new ArrayList<>();
            try {
                for (Container container : running) {
                    waits.add(inner.streams().waitContainerCmd(container.getId()).exec(new WaitContainerResultCallback()));
                    terminate(inner, container.getId());
                }
                for (WaitContainerResultCallback wait : waits) {
                    wait.awaitCompletion(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
            } finally {
                waits.forEach(PodTeardown::closeQuietly);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.info("Sandbox {} could not stop its containers gracefully ({}); removing it at once", sandboxId,
                    DockerMessages.oneLine(e));
        }
    }

    private static void terminate(Engine inner, String containerId) {
        try {
            inner.call("send SIGTERM to " + containerId,
                    client -> client.killContainerCmd(containerId).withSignal("SIGTERM").exec());
        } catch (DockerException e) {
            LOG.debug("Container {} did not take SIGTERM (stopped already?): {}", containerId, DockerMessages.oneLine(e));
        }
    }

    private static void closeQuietly(WaitContainerResultCallback wait) {
        try {
            wait.close();
        } catch (IOException e) {
            // Only the wait is abandoned; the sandbox is removed next.
        }
    }
}
