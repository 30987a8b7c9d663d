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

    /**
     * Creates and starts the container's first run, and supervises it when the pod's {@code restartPolicy} may
     * restart it. A create that fails ends the container under {@code Never}; under {@code Always} and
     * {@code OnFailure} it is tried again after kubelet's pauses, as kubelet does, the container waiting with the
     * reason meanwhile, unless the failure is in the pod's own configuration, which no retry changes.
     */
    void launch(PodContainers containers, Container container) {
        launchAfter(containers, container, null);
    }

    /** Supervises the container's current run, which an earlier runtime started, when the policy may restart it. */
    void resume(PodContainers containers, Container container) {
        if (containers.pod().restartPolicy() != RestartPolicy.NEVER) {
            supervise(containers, container);
        }
    }

    private void launchAfter(PodContainers containers, Container container, Duration lastPause) {
        PodRecord pod = containers.pod();
        Optional<Reason> failure = containers.launch(container);
        if (failure.isEmpty()) {
            if (pod.restartPolicy() != RestartPolicy.NEVER) {
                supervise(containers, container);
            }
            return;
        }
        Reason why = failure.get();
        if (pod.restartPolicy() == RestartPolicy.NEVER || why.reason().equals(PodContainers.CONFIG_ERROR)) {
            pod.failContainer(container.getName(), why);
            return;
        }
        Duration pause = rule.pauseAfterFailedCreate(lastPause);
        LOG.info("Container {} of pod {} could not be created ({}); trying again in {} ms", container.getName(),
                pod.identity(), why.message(), pause.toMillis());
        pod.containerWaiting(container.getName(), new Reason(why.reason(), why.message() + "; trying again in "
                + pause.toSeconds() + " s"));
        later(containers, container, pause, () -> launchAfter(containers, container, pause));
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
