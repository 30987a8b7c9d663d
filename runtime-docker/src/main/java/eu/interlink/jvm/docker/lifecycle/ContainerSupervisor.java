package eu.interlink.jvm.docker.lifecycle;

import eu.interlink.jvm.docker.engine.DockerMessages;
import io.fabric8.kubernetes.api.model.Container;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts a pod's regular containers as its {@code restartPolicy} says, after kubelet's pause ({@link RestartRule}),
 * without holding a thread while a container runs or pauses: the container's exit, as the {@link ContainerObserver}
 * records it, completes a future ({@link PodRecord#exit}), and the pause is a timer on the background pool, where the
 * restart then runs. Stopping the pod drops its timers at once.
 */
final class ContainerSupervisor {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerSupervisor.class);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final RestartRule rule;
    private final ScheduledExecutorService background;

    /** @param background where exits are handled, pauses timed and restarts run; owned by the caller */
    ContainerSupervisor(RestartRule rule, ScheduledExecutorService background) {
        this.rule = rule;
        this.background = background;
    }

    /** Watches the container's current run, and restarts it when it ends, as long as the pod runs; returns at once. */
    void supervise(PodContainers containers, Container container) {
        PodRecord pod = containers.pod();
        String containerId = pod.runs(container.getName()).orElseThrow().containerId();
        pod.exit(containerId).thenAccept(
                run -> later(containers, container, Duration.ZERO, () -> restartAfterPause(containers, container, run)));
    }

    private void restartAfterPause(PodContainers containers, Container container, ContainerSnapshot run) {
        Optional<Duration> pause = rule.pauseAfter(containers.pod(), container.getName(), run);
        if (pause.isEmpty()) {
            return;
        }
        LOG.info("Container {} of pod {} ended with code {}; restarting it in {} ms", container.getName(),
                containers.pod().identity(), run.exitStatus(), pause.get().toMillis());
        later(containers, container, pause.get(), () -> {
            if (containers.restart(container, run, pause.get())) {
                supervise(containers, container);
            } else {
                restartAfterPause(containers, container, run);
            }
        });
    }

    /** Runs a step of the pod's work on the background pool after the delay, unless the pod stops first. */
    private void later(PodContainers containers, Container container, Duration delay, Runnable step) {
        PodRecord pod = containers.pod();
        try {
            pod.cancellation().schedule(background, delay, () -> pod.runStep(() -> {
                try {
                    step.run();
                } catch (RuntimeException e) {
                    // Giving up would leave the container reported as waiting to restart for ever.
                    LOG.warn("Supervising container {} of pod {} failed ({}); trying again in {} s", container.getName(),
                            pod.identity(), DockerMessages.oneLine(e), RETRY.toSeconds());
                    later(containers, container, RETRY, step);
                }
            }));
        } catch (RejectedExecutionException e) {
            LOG.debug("Container {} of pod {} is left as it is: the runtime is closing", container.getName(),
                    pod.identity());
        }
    }
}
