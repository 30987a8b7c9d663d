package eu.interlink.jvm.docker.lifecycle;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.WaitResponse;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.engine.EngineFactory;
import eu.interlink.jvm.docker.engine.StreamCallback;
import eu.interlink.jvm.docker.sandbox.SandboxClaims;
import eu.interlink.jvm.docker.sandbox.SandboxLayout;
import eu.interlink.jvm.docker.sandbox.SandboxRemover;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes a pod's sandboxes: runs the preStop hooks of their running containers (for a pod this runtime knows), sends
 * them SIGTERM, gives them the grace period (which the hooks share) to stop, sends SIGKILL to those still running, then
 * removes each sandbox with its volume, folder and claim. The sandboxes of a pod this runtime does not remember are
 * found through their claims.
 */
public final class PodTeardown {

    private static final Logger LOG = LoggerFactory.getLogger(PodTeardown.class);
    /** How long the followed logs of stopped containers may take to end before their sandbox goes. */
    private static final Duration LOGS_ENDING = Duration.ofSeconds(2);

    private final EngineFactory engines;
    private final SandboxLayout layout;
    private final SandboxRemover remover;
    private final SandboxClaims claims;
    private final PreStopHooks preStops;

    /**
     * @param engines  opens a sandbox's inner engine, to stop its containers gracefully
     * @param preStops runs the preStop hooks of a known pod's containers before they get SIGTERM
     */
    public PodTeardown(EngineFactory engines, SandboxLayout layout, SandboxRemover remover, SandboxClaims claims,
            PreStopHooks preStops) {
        this.engines = engines;
        this.layout = layout;
        this.remover = remover;
        this.claims = claims;
        this.preStops = preStops;
    }

    /**
     * Stops the sandboxes' containers, gracefully within {@code grace}, and removes the sandboxes. An interrupt cuts
     * the grace period short but not the removal: the interrupt flag is set again once the sandboxes are removed.
     *
     * @param sandboxIds the sandboxes of one pod
     * @param grace      how long the containers may take to stop: their preStop hooks, then after SIGTERM
     * @param known      the pod, when the runtime knows it: the preStop hooks of its containers run in its sandbox
     * @throws RuntimeException when a sandbox could not be removed
     */
    public void remove(Set<String> sandboxIds, Duration grace, Optional<PodRecord> known) {
        long deadline = System.nanoTime() + grace.toNanos();
        boolean interrupted = false;
        try {
            for (String id : sandboxIds) {
                Optional<PodRecord> pod = known.filter(record -> record.sandboxId().equals(id));
                interrupted |= !stopGracefully(id, interrupted ? System.nanoTime() : deadline, pod);
                pod.ifPresent(record -> record.awaitFollowedLogs(LOGS_ENDING));
                remover.remove(id);
                LOG.info("Sandbox {} removed", id);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The sandboxes claimed for the pod with this UID, for a pod this runtime does not remember. */
    public Set<String> sandboxesOf(String podUid) {
        return claims.sandboxesOf(podUid);
    }

    /** What is left of the sandboxes, for a log line; never throws. */
    public List<String> remains(Set<String> sandboxIds) {
        List<String> remains = new ArrayList<>();
        sandboxIds.forEach(id -> remains.addAll(remover.remains(id)));
        return remains;
    }

    /**
     * Runs the pod's preStop hooks, then sends SIGTERM and waits for the containers to stop, all until the deadline,
     * then kills those still running and waits for them, within a call timeout; false when interrupted meanwhile, and
     * then the interrupt flag is clear, so that the removal's own calls can run.
     */
    private boolean stopGracefully(String sandboxId, long deadline, Optional<PodRecord> pod) {
        Path socket = layout.socket(sandboxId);
        if (!Files.exists(socket)) {
            return true;
        }
        boolean interrupted = false;
        try (Engine inner = engines.unixSocket(socket)) {
            List<Container> running = inner.call("list running containers", client -> client.listContainersCmd().exec());
            if (pod.isPresent()) {
                preStops.runAll(pod.get(), inner, running, deadline);
            }
            List<StreamCallback<WaitResponse>> waits = new ArrayList<>();
            try {
                for (Container container : running) {
                    waits.add(inner.streams().waitContainerCmd(container.getId()).exec(new StreamCallback<>()));
                    signal(inner, container.getId(), "SIGTERM");
                }
                List<Integer> late = new ArrayList<>();
                for (int index = 0; index < waits.size(); index++) {
                    if (!waits.get(index).awaitCompletion(Math.max(0, deadline - System.nanoTime()),
                            TimeUnit.NANOSECONDS)) {
                        late.add(index);
                    }
                }
                // Killed here rather than with their sandbox, a container's run ends as kubelet ends it: its followed
                // logs end cleanly instead of breaking off.
                long killDeadline = System.nanoTime() + inner.callTimeout().toNanos();
                late.forEach(index -> signal(inner, running.get(index).getId(), "SIGKILL"));
                for (int index : late) {
                    waits.get(index).awaitCompletion(Math.max(0, killDeadline - System.nanoTime()),
                            TimeUnit.NANOSECONDS);
                }
            } finally {
                waits.forEach(StreamCallback::closeQuietly);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (RuntimeException e) {
            LOG.info("Sandbox {} could not stop its containers gracefully ({}); removing it at once", sandboxId,
                    DockerMessages.oneLine(e));
        }
        // A bounded call cut short by an interrupt sets the flag again, so it is cleared here in either case.
        interrupted |= Thread.interrupted();
        if (interrupted) {
            LOG.info("Sandbox {} was interrupted while its containers stopped; removing it at once", sandboxId);
        }
        return !interrupted;
    }

    private static void signal(Engine inner, String containerId, String signal) {
        try {
            inner.call("send " + signal + " to " + containerId,
                    client -> client.killContainerCmd(containerId).withSignal(signal).exec());
        } catch (DockerException e) {
            LOG.debug("Container {} did not take {} (stopped already?): {}", containerId, signal,
                    DockerMessages.oneLine(e));
        }
    }
}
