package eu.interlink.jvm.docker.lifecycle;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import eu.interlink.jvm.docker.engine.Backoff;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.engine.EngineException;
import eu.interlink.jvm.docker.engine.Labels;
import eu.interlink.jvm.docker.sandbox.Sandbox;
import eu.interlink.jvm.docker.sandbox.SandboxClaims;
import eu.interlink.jvm.docker.sandbox.SandboxFactory;
import eu.interlink.jvm.docker.sandbox.SandboxLayout;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes over a pod that an earlier runtime accepted and did not remove, as the labels of Docker's objects show it:
 *
 * <pre>
 *   no claim for its sandbox, or no sandbox container     ── starts over: the start had not come that far
 *   a sandbox container that stopped                      ── the pod failed: its sandbox died meanwhile
 *   a running sandbox without any of the pod's containers ── starts over, in a new sandbox of the same id
 *   a running sandbox with the pod's containers           ── adopts each container's current run (its restart count
 *                                                            from its labels, the run before it for its last state)
 *                                                            and goes on from there ({@link PodStarter#resume})
 * </pre>
 *
 * <p>Starting over removes what the start had made (half a sandbox, a pool sandbox taken but not claimed) first.
 * While Docker does not answer, the pod waits, saying so, and its takeover is tried again.
 */
public final class PodRecoverer {

    private static final Logger LOG = LoggerFactory.getLogger(PodRecoverer.class);
    /** The reason of a pod whose sandbox stopped while no runtime watched it. */
    static final String SANDBOX_LOST = "ContainerStatusUnknown";
    private static final Backoff RETRIES = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    private final Engine host;
    private final SandboxLayout layout;
    private final SandboxClaims claims;
    private final SandboxFactory sandboxes;
    private final ContainerRunner runner;
    private final PodStarter starter;
    private final Executor starters;
    private final ScheduledExecutorService background;

    /**
     * @param starters   where a takeover is tried again; owned by the caller
     * @param background where the pause before it is timed; owned by the caller
     */
    public PodRecoverer(Engine host, SandboxLayout layout, SandboxClaims claims, SandboxFactory sandboxes,
            ContainerRunner runner, PodStarter starter, Executor starters,
            ScheduledExecutorService background) {
        this.host = host;
        this.layout = layout;
        this.claims = claims;
        this.sandboxes = sandboxes;
        this.runner = runner;
        this.starter = starter;
        this.starters = starters;
        this.background = background;
    }

    /**
     * Takes the pod over, as a step of its work, ending each failure in a reported state; never throws. While Docker
     * does not answer, the pod waits with the reason and the takeover is tried again, after pauses from 1 s doubling
     * to 30 s.
     */
    public void recover(PodRecord pod) {
        recover(pod, null);
    }

    private void recover(PodRecord pod, Duration lastPause) {
        starter.step(pod, () -> {
            Runnable next;
            try {
                next = takeOver(pod);
            } catch (EngineException | DockerException e) {
                Duration pause = RETRIES.after(lastPause);
                pod.waiting(new Reason(PodRecord.CONTAINER_CREATING, "cannot take the pod over after the plugin"
                        + " restarted (" + DockerMessages.oneLine(e) + "); trying again in " + pause.toSeconds() + " s"));
                LOG.warn("Pod {} cannot be taken over yet: {}; trying again in {} s", pod.identity(),
                        DockerMessages.oneLine(e), pause.toSeconds());
                retryLater(pod, pause);
                return;
            }
            next.run();
        });
    }

    private void retryLater(PodRecord pod, Duration pause) {
        try {
            pod.cancellation().schedule(background, pause, () -> starters.execute(() -> recover(pod, pause)));
        } catch (RejectedExecutionException e) {
            LOG.debug("Pod {} is left as it is: the runtime is closing", pod.identity());
        }
    }

    /** Finds out how far the pod had come from Docker's objects, and returns what goes on from there. */
    private Runnable takeOver(PodRecord pod) {
        pod.waiting(new Reason(PodRecord.CONTAINER_CREATING, "taking the pod over after the plugin restarted"));
        String id = pod.sandboxId();
        if (!claims.sandboxesOf(pod.identity().uid()).contains(id)) {
            return startOver(pod, "its sandbox had not been claimed");
        }
        InspectContainerResponse container;
        try {
            container = host.call("inspect sandbox container " + id,
                    client -> client.inspectContainerCmd(layout.containerName(id)).exec());
        } catch (NotFoundException e) {
            return startOver(pod, "its sandbox had not been built");
        }
        if (!Boolean.TRUE.equals(container.getState().getRunning())) {
            String how = how(container.getState());
            return () -> {
                LOG.info("Pod {} failed: its sandbox {} stopped while no plugin watched it ({})", pod.identity(), id, how);
                pod.failPod(new Reason(SANDBOX_LOST, "sandbox " + id + " stopped while no plugin watched it (" + how
                        + "), so the pod's containers are gone"));
            };
        }
        Sandbox sandbox = sandboxes.reopen(id, pod.plan().sandbox(), pod.cancellation());
        try {
            if (!adoptRuns(pod, sandbox)) {
                sandbox.close();
                return startOver(pod, "it had no container yet");
            }
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
        return () -> {
            LOG.info("Took over pod {} in sandbox {}", pod.identity(), id);
            starter.resume(pod, sandbox);
        };
    }

    /** The start, from the beginning, once what the earlier one made is removed. */
    private Runnable startOver(PodRecord pod, String why) {
        LOG.info("Starting pod {} over: {}", pod.identity(), why);
        return () -> starter.startOver(pod);
    }

    /** Reports a pod failed again, as it had before the restart, without starting it. */
    public void failedBefore(PodRecord pod, String reason, String message) {
        pod.failPod(new Reason(reason, message));
    }

    /**
     * Fails a pod that the current settings no longer let the runtime run (it was accepted under others), leaving its
     * sandbox as it is, for its delete.
     */
    public void refuse(PodRecord pod, String why) {
        LOG.warn("Pod {} cannot be taken over: {}", pod.identity(), why);
        pod.failPod(new Reason(PodContainers.CONFIG_ERROR, "the plugin restarted with settings under which it cannot"
                + " run this pod: " + why));
    }

    /**
     * Adopts, for each spec container, the run of the highest restart count that the sandbox has, with the one before
     * it as its last state; removes older ones, which a restart under way left. False when the sandbox has none.
     */
    private boolean adoptRuns(PodRecord pod, Sandbox sandbox) {
        Map<String, List<Container>> byName = runner.containersOf(sandbox.engine(), pod.identity().uid()).stream()
                .filter(container -> pod.hasContainer(container.getLabels().get(Labels.CONTAINER_NAME)))
                .collect(Collectors.groupingBy(container -> container.getLabels().get(Labels.CONTAINER_NAME)));
        byName.forEach((name, runs) -> {
            List<Container> newestFirst = runs.stream()
                    .sorted(Comparator.comparingInt(PodRecoverer::restartCount).reversed()).toList();
            Container current = newestFirst.get(0);
            ContainerSnapshot previous = newestFirst.size() < 2 ? null
                    : runner.inspect(sandbox.engine(), newestFirst.get(1).getId());
            newestFirst.stream().skip(2).forEach(old -> removeQuietly(sandbox, old));
            pod.adopted(name, current.getId(), restartCount(current), previous);
        });
        return !byName.isEmpty();
    }

    private static int restartCount(Container container) {
        String count = container.getLabels().get(Labels.RESTART_COUNT);
        try {
            return count == null ? 0 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void removeQuietly(Sandbox sandbox, Container old) {
        try {
            runner.remove(sandbox.engine(), old.getId());
        } catch (RuntimeException e) {
            LOG.info("An old run {} in sandbox {} was not removed: {}", old.getId(), sandbox.id(),
                    DockerMessages.oneLine(e));
        }
    }

    private static String how(InspectContainerResponse.ContainerState state) {
        String how = Boolean.TRUE.equals(state.getOOMKilled()) ? "killed for lack of memory"
                : "exit code " + state.getExitCodeLong();
        return state.getFinishedAt() == null ? how : how + " at " + state.getFinishedAt();
    }
}
