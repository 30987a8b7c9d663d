package eu.interlink.jvm.docker.lifecycle;

import com.github.dockerjava.api.exception.DockerException;
import eu.interlink.jvm.api.wire.ContainerReasons;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.EngineException;
import eu.interlink.jvm.docker.probes.CheckResult;
import eu.interlink.jvm.docker.probes.CheckTarget;
import eu.interlink.jvm.docker.probes.Checks;
import eu.interlink.jvm.docker.probes.ContainerProbes;
import eu.interlink.jvm.docker.probes.ProbeKind;
import eu.interlink.jvm.docker.probes.ProbeTiming;
import eu.interlink.jvm.docker.sandbox.Sandbox;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Probe;
import java.io.Closeable;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards each run of a pod's container that has a {@code postStart} hook or probes, as kubelet does: runs the hook
 * right after the run started, on the thread that started it, then its probes ({@link ContainerProbes}) on the
 * runtime's probe threads, each timer owned by the pod (its stop drops them) and tied to the run (its end stops them;
 * a restart is a new run with new probes). What they find is recorded on the pod ({@link RunHealth}) for its status.
 *
 * <p>When the hook fails, or the startup or the liveness probe does, the run is killed: its {@code preStop} hook runs,
 * then the engine stops it (the image's stop signal, then SIGKILL), the two within the grace period (the failed
 * probe's {@code terminationGracePeriodSeconds}, else the pod's). The run then ends as any run does, and the
 * {@link ContainerSupervisor} restarts it as the pod's {@code restartPolicy} says; under {@code Never} it stays
 * terminated. A postStart hook that fails names the run's end {@code PostStartHookError}.
 */
public final class RunGuard {

    private static final Logger LOG = LoggerFactory.getLogger(RunGuard.class);

    /** Kubelet's reason for a run whose postStart hook failed. */
    static final String POST_START_HOOK_ERROR = "PostStartHookError";
    /** The bound on a postStart hook, which Kubernetes does not bound. */
    static final Duration POST_START_LIMIT = Duration.ofMinutes(2);

    private final Checks checks;
    private final PreStopHooks preStops;
    private final ScheduledExecutorService probeThreads;
    private final Executor killers;

    /**
     * @param probeThreads where probes run, each run on a timer; owned by the caller
     * @param killers      where failed runs are killed (their preStop hook, then the stop); owned by the caller
     */
    public RunGuard(Checks checks, PreStopHooks preStops, ScheduledExecutorService probeThreads, Executor killers) {
        this.checks = checks;
        this.preStops = preStops;
        this.probeThreads = probeThreads;
        this.killers = killers;
    }

    /**
     * Marks a run that has a postStart hook or probes as not ready before its container starts: a status read between
     * the start and {@link #started} must not show it running, which interLink's virtual kubelet takes for ready.
     */
    void starting(PodRecord pod, Container container, String containerId) {
        Optional<LifecycleHandler> postStart = postStartOf(container);
        if (guarded(container, postStart)) {
            pod.guarded(containerId, initialHealth(container, postStart.isPresent()));
        }
    }

    /**
     * Runs the postStart hook of a run that has just started, if it has one, then starts its probes; returns once the
     * hook has ended.
     */
    void started(PodRecord pod, Sandbox sandbox, Container container, String containerId) {
        guard(pod, sandbox, container, containerId, postStartOf(container));
    }

    /**
     * Starts the probes of a run that an earlier runtime started, if it has probes, as kubelet does after its own
     * restart: its postStart hook ran then, and is not run again; the run is not ready until its probes say so again.
     */
    void resumed(PodRecord pod, Sandbox sandbox, Container container, String containerId) {
        guard(pod, sandbox, container, containerId, Optional.empty());
    }

    private void guard(PodRecord pod, Sandbox sandbox, Container container, String containerId,
            Optional<LifecycleHandler> postStart) {
        if (!guarded(container, postStart)) {
            return;
        }
        CheckTarget target = new CheckTarget(sandbox.engine(), containerId, sandbox.ip(), container.getPorts());
        pod.guarded(containerId, initialHealth(container, postStart.isPresent()));
        if (postStart.isPresent() && !postStartPassed(pod, container, target, postStart.get())) {
            return;
        }
        ContainerProbes probes = new ContainerProbes(
                probe(ProbeKind.STARTUP, container.getStartupProbe(), target),
                probe(ProbeKind.LIVENESS, container.getLivenessProbe(), target),
                probe(ProbeKind.READINESS, container.getReadinessProbe(), target),
                (delay, task) -> schedule(pod, delay, task),
                new RunListener(pod, container, target));
        pod.exit(containerId).whenComplete((ended, failure) -> probes.stop());
        probes.begin();
    }

    /** A run is started at once unless a postStart hook or a startup probe is to pass first; it is not ready yet. */
    private static Optional<LifecycleHandler> postStartOf(Container container) {
        return Optional.ofNullable(container.getLifecycle()).map(lifecycle -> lifecycle.getPostStart());
    }

    private static boolean guarded(Container container, Optional<LifecycleHandler> postStart) {
        return postStart.isPresent() || container.getStartupProbe() != null || container.getLivenessProbe() != null
                || container.getReadinessProbe() != null;
    }

    private static RunHealth initialHealth(Container container, boolean hasPostStart) {
        if (hasPostStart) {
            return RunHealth.starting(new Reason(PodRecord.CONTAINER_CREATING, "running its postStart hook"));
        }
        if (container.getStartupProbe() != null) {
            return RunHealth.starting(new Reason(ContainerReasons.PROBES_PENDING, "waiting for its startup probe to pass"));
        }
        return RunHealth.starting(new Reason(ContainerReasons.PROBES_PENDING, "waiting for its readiness probe to pass")).asStarted();
    }

    /** Runs the postStart hook; kills the run when it failed, unless the pod was stopped meanwhile. */
    private boolean postStartPassed(PodRecord pod, Container container, CheckTarget target, LifecycleHandler hook) {
        CheckResult result = untilStopped(pod, () -> checks.hook(hook, target).run(POST_START_LIMIT));
        if (pod.cancellation().isCancelled()) {
            return false;
        }
        if (!result.success()) {
            kill(pod, container, target, new Reason(POST_START_HOOK_ERROR, "PostStart hook failed: "
                    + result.detail()), grace(pod, null));
            return false;
        }
        pod.health(target.containerId(), health -> health.withReadiness(false, new Reason(ContainerReasons.PROBES_PENDING,
                "waiting for its probes to pass")));
        return true;
    }

    /** Runs the hook on this thread, which the pod's stop interrupts, so that a delete does not wait for the hook. */
    private static CheckResult untilStopped(PodRecord pod, Supplier<CheckResult> hook) {
        HookInterrupt interrupt = new HookInterrupt(Thread.currentThread());
        pod.cancellation().track(interrupt);
        try {
            return hook.get();
        } finally {
            interrupt.end();
            pod.cancellation().untrack(interrupt);
        }
    }

    /**
     * Interrupts the thread that runs a hook, but only while it does: a stop that comes once the hook has ended must not
     * interrupt the pooled thread's next task, another pod's work maybe.
     */
    private static final class HookInterrupt implements Closeable {

        private final Thread thread;
        private boolean running = true;

        HookInterrupt(Thread thread) {
            this.thread = thread;
        }

        @Override
        public synchronized void close() {
            if (running) {
                thread.interrupt();
            }
        }

        synchronized void end() {
            running = false;
        }
    }

    private Optional<ContainerProbes.Probe> probe(ProbeKind kind, Probe probe, CheckTarget target) {
        return Optional.ofNullable(probe)
                .map(spec -> new ContainerProbes.Probe(kind, ProbeTiming.of(spec), checks.probe(spec, target)));
    }

    /** Runs a probe on the probe threads after the delay, as a step of the pod's work, unless the pod stops first. */
    private void schedule(PodRecord pod, Duration delay, Runnable task) {
        try {
            pod.cancellation().schedule(probeThreads, delay, () -> pod.runStep(task));
        } catch (RejectedExecutionException e) {
            LOG.debug("Probes of pod {} stopped: the runtime is closing", pod.identity());
        }
    }

    private static Duration grace(PodRecord pod, Probe failed) {
        Long own = failed == null ? null : failed.getTerminationGracePeriodSeconds();
        return GracePeriod.of(own != null ? own : pod.pod().getSpec().getTerminationGracePeriodSeconds());
    }

    /** Records why the run is killed, then kills it on the killers' threads, unless the pod is stopped meanwhile. */
    private void kill(PodRecord pod, Container container, CheckTarget target, Reason why, Duration grace) {
        LOG.info("Killing container {} of pod {}: {}", container.getName(), pod.identity(), why.message());
        pod.health(target.containerId(), health -> health.killedBecause(why));
        try {
            killers.execute(() -> {
                if (!pod.cancellation().isCancelled()) {
                    stop(pod, container, target, grace);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Container {} of pod {} is left running: the runtime is closing", container.getName(),
                    pod.identity());
        }
    }

    /** Records what a run's probes find on its pod, and kills the run when its startup or liveness probe fails. */
    private final class RunListener implements ContainerProbes.Listener {

        private final PodRecord pod;
        private final Container container;
        private final CheckTarget target;

        RunListener(PodRecord pod, Container container, CheckTarget target) {
            this.pod = pod;
            this.container = container;
            this.target = target;
        }

        @Override
        public void started() {
            pod.health(target.containerId(), RunHealth::asStarted);
        }

        @Override
        public void readiness(boolean ready, String detail) {
            pod.health(target.containerId(), health -> health.withReadiness(ready, new Reason(ContainerReasons.PROBES_PENDING, detail)));
        }

        @Override
        public void failed(ProbeKind kind, String detail) {
            Probe failed = kind == ProbeKind.STARTUP ? container.getStartupProbe() : container.getLivenessProbe();
            kill(pod, container, target, new Reason(null, detail + "; the container was killed"), grace(pod, failed));
        }
    }

    private void stop(PodRecord pod, Container container, CheckTarget target, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        preStops.run(pod, container, target, grace);
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        String id = target.containerId();
        try {
            target.engine().longCall("stop container " + id, left.plus(target.engine().callTimeout()),
                    pod.cancellation(), client -> client.stopContainerCmd(id).withTimeout((int) left.toSeconds()).exec());
        } catch (DockerException | EngineException | CancellationException e) {
            LOG.info("Container {} of pod {} was not stopped: {}", container.getName(), pod.identity(),
                    DockerMessages.oneLine(e));
        }
    }
}
