package eu.interlink.jvm.docker.lifecycle;

import com.github.dockerjava.api.exception.NotFoundException;
import eu.interlink.jvm.docker.engine.Backoff;
import eu.interlink.jvm.docker.engine.ContainerEvents;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.Labels;
import eu.interlink.jvm.docker.sandbox.Sandbox;
import io.fabric8.kubernetes.api.model.Container;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a pod's record ({@link PodRecord}) current with what its sandbox's inner engine says about the pod's
 * containers, so that status never asks Docker: follows the engine's events about the pod's containers and inspects
 * each container an event names; inspects all the running ones again whenever events may have been missed (each time
 * the event stream opens) and when asked ({@link #reconcile}, which the runtime does now and then). When the engine
 * does not answer, the record says so until it answers again.
 */
public final class ContainerObserver {

    /** The reason of a container whose state is not known now. */
    static final String STATUS_UNKNOWN = "ContainerStatusUnknown";

    private static final Backoff RECONNECT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
    private static final Logger LOG = LoggerFactory.getLogger(ContainerObserver.class);
    private static final Duration OOM_SETTLE = Duration.ofMillis(300);

    private final ContainerRunner runner;
    private final ScheduledExecutorService background;

    /** @param background where a broken event stream waits to be opened again; owned by the caller */
    public ContainerObserver(ContainerRunner runner, ScheduledExecutorService background) {
        this.runner = runner;
        this.background = background;
    }

    /** Follows the events of the pod's containers in its sandbox until the pod is stopped; returns at once. */
    void follow(PodRecord pod, Sandbox sandbox) {
        ContainerEvents events = new ContainerEvents(sandbox.engine(),
                Map.of(Labels.ROLE, Labels.ROLE_POD_CONTAINER, Labels.POD_UID, pod.identity().uid()),
                new ContainerEvents.Listener() {
                    @Override
                    public void connected() {
                        reconcile(pod);
                    }

                    @Override
                    public void changed(String containerId, Map<String, String> attributes) {
                        if (pod.isCurrentRun(containerId)) {
                            observe(pod, containerId);
                        }
                    }

                    @Override
                    public void disconnected(String why, Duration retryIn) {
                        pod.engineTrouble(new Reason(STATUS_UNKNOWN, "lost the events of sandbox " + sandbox.id()
                                + " (" + why + "); listening again in " + retryIn.toMillis() + " ms"));
                    }
                },
                background, RECONNECT);
        pod.cancellation().track(events);
        events.open();
    }

    /** Inspects every container of the pod that runs, as far as is known, and records what Docker says; never throws. */
    public void reconcile(PodRecord pod) {
        if (pod.cancellation().isCancelled() || pod.sandbox().isEmpty()) {
            return;
        }
        pod.runningContainers().forEach(containerId -> observe(pod, containerId));
    }

    /**
     * Inspects the container now and records what Docker says on the pod, with the run's termination message when it
     * is first seen ended; never throws.
     */
    void observe(PodRecord pod, String containerId) {
        observe(pod, containerId, false);
    }

    /**
     * @param settled whether a run that SIGKILL ended was inspected again after {@link #OOM_SETTLE}, so that Docker
     *                had time to record that the kernel's OOM killer sent it: Docker tells it after the exit, and
     *                interLink takes the first {@code terminated} reason it sees for good
     */
    private void observe(PodRecord pod, String containerId, boolean settled) {
        Sandbox sandbox = pod.sandbox().orElseThrow();
        try {
            ContainerSnapshot snapshot = runner.inspect(sandbox.engine(), containerId);
            if (snapshot.exited() && !pod.seenEnded(containerId)) {
                if (!settled && snapshot.killedButNotForMemory()) {
                    inspectAgainLater(pod, containerId);
                    return;
                }
                snapshot = withTerminationMessage(pod, sandbox, snapshot);
            }
            pod.observed(snapshot);
        } catch (NotFoundException e) {
            pod.lost(containerId, new Reason(STATUS_UNKNOWN,
                    "container " + containerId + " is gone from sandbox " + sandbox.id()));
        } catch (RuntimeException e) {
            pod.engineTrouble(new Reason(STATUS_UNKNOWN,
                    "sandbox " + sandbox.id() + " does not answer: " + DockerMessages.oneLine(e)));
        }
    }

    private void inspectAgainLater(PodRecord pod, String containerId) {
        try {
            pod.cancellation().schedule(background, OOM_SETTLE, () -> observe(pod, containerId, true));
        } catch (RejectedExecutionException e) {
            LOG.debug("Container {} of pod {} is not inspected again: the runtime is closing", containerId,
                    pod.identity());
        }
    }

    private static ContainerSnapshot withTerminationMessage(PodRecord pod, Sandbox sandbox, ContainerSnapshot ended) {
        Optional<String> name = pod.containerOfRun(ended.containerId());
        Optional<Container> spec = name.flatMap(pod::spec);
        if (spec.isEmpty()) {
            return ended;
        }
        int restartCount = pod.runs(name.get()).orElseThrow().restartCount();
        return ended.withTerminationMessage(TerminationMessages.read(sandbox.engine(), sandbox.folder(), spec.get(),
                restartCount, ended, pod.cancellation()));
    }
}
