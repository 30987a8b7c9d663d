package eu.interlink.jvm.docker.lifecycle;

import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.engine.Labels;
import eu.interlink.jvm.docker.probes.CheckResult;
import eu.interlink.jvm.docker.probes.CheckTarget;
import eu.interlink.jvm.docker.probes.Checks;
import eu.interlink.jvm.docker.sandbox.Sandbox;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs containers' {@code preStop} hooks before they are asked to stop, within their grace period, which the hook and
 * the wait for the stop share, as in Kubernetes: on a delete, the hooks of all the pod's running containers at once
 * ({@link #runAll}); before a run is killed because its postStart hook or a probe failed, the run's own
 * ({@link #run}). A hook that fails is logged; the container is stopped all the same.
 */
public final class PreStopHooks {

    private static final Logger LOG = LoggerFactory.getLogger(PreStopHooks.class);

    private final Checks checks;
    private final ExecutorService hooks;

    /** @param hooks where the hooks of a deleted pod run side by side; owned by the caller */
    public PreStopHooks(Checks checks, ExecutorService hooks) {
        this.checks = checks;
        this.hooks = hooks;
    }

    /** Runs the container's preStop hook, if it has one, on this thread, within {@code budget}. */
    void run(PodRecord pod, Container spec, CheckTarget target, Duration budget) {
        preStop(spec).ifPresent(hook -> {
            CheckResult result = checks.hook(hook, target).run(budget);
            if (result.success()) {
                LOG.info("PreStop hook of container {} of pod {}: {}", spec.getName(), pod.identity(), result.detail());
            } else {
                LOG.warn("PreStop hook of container {} of pod {} failed: {}", spec.getName(), pod.identity(),
                        result.detail());
            }
        });
    }

    /**
     * Runs the preStop hooks of the pod's running containers side by side, and returns once they all ended or the
     * deadline has come, whichever is first; hooks still running then are abandoned.
     *
     * @param inner    the engine of the pod's sandbox
     * @param running  the containers that run in it
     * @param deadline the end of the grace period, as {@link System#nanoTime()}
     */
    void runAll(PodRecord pod, Engine inner, List<com.github.dockerjava.api.model.Container> running, long deadline)
            throws InterruptedException {
        String podIp = pod.sandbox().map(Sandbox::ip).orElse("");
        List<Future<?>> underWay = new ArrayList<>();
        for (com.github.dockerjava.api.model.Container container : running) {
            String name = container.getLabels() == null ? null : container.getLabels().get(Labels.CONTAINER_NAME);
            Optional<Container> spec = pod.containers().stream()
                    .filter(candidate -> candidate.getName().equals(name) && preStop(candidate).isPresent())
                    .findFirst();
            if (spec.isEmpty()) {
                continue;
            }
            CheckTarget target = new CheckTarget(inner, container.getId(), podIp, spec.get().getPorts());
            try {
                underWay.add(hooks.submit(() -> run(pod, spec.get(), target, left(deadline))));
            } catch (RejectedExecutionException e) {
                LOG.info("PreStop hook of container {} of pod {} not run: the runtime is closing", name,
                        pod.identity());
            }
        }
        try {
            for (Future<?> hook : underWay) {
                awaitHook(pod, hook, deadline);
            }
        } finally {
            underWay.forEach(hook -> hook.cancel(true));
        }
    }

    private static void awaitHook(PodRecord pod, Future<?> hook, long deadline) throws InterruptedException {
        try {
            hook.get(left(deadline).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.info("A preStop hook of pod {} did not end within its grace period", pod.identity());
        } catch (ExecutionException e) {
            LOG.warn("A preStop hook of pod {} failed", pod.identity(), e.getCause());
        }
    }

    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private static Optional<LifecycleHandler> preStop(Container spec) {
        return Optional.ofNullable(spec.getLifecycle()).map(lifecycle -> lifecycle.getPreStop());
    }
}
