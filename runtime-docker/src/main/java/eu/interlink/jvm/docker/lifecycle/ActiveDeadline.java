package eu.interlink.jvm.docker.lifecycle;

import com.github.dockerjava.api.exception.DockerException;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.engine.EngineException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' {@code activeDeadlineSeconds}: counted from the moment the pod was accepted, a timer owned by the pod
 * (dropped when it is stopped); when it fires, the pod's work ends for good (no start goes on, nothing runs again),
 * its running containers get SIGTERM and, after its {@code terminationGracePeriodSeconds} (30 s by default), SIGKILL,
 * and every container that had not terminated is reported terminated with reason {@code DeadlineExceeded}.
 */
final class ActiveDeadline {

    private static final Logger LOG = LoggerFactory.getLogger(ActiveDeadline.class);

    private final ContainerRunner runner;
    private final ScheduledExecutorService background;

    /** @param background where the deadline and the grace period are timed and the kills sent; owned by the caller */
    ActiveDeadline(ContainerRunner runner, ScheduledExecutorService background) {
        this.runner = runner;
        this.background = background;
    }

    /** Times the pod's deadline, if its spec sets one; returns at once. */
    void arm(PodRecord pod) {
        Long seconds = pod.pod().getSpec().getActiveDeadlineSeconds();
        if (seconds == null) {
            return;
        }
        Duration left = Duration.ofSeconds(seconds).minus(pod.activeFor());
        try {
            pod.cancellation().schedule(background, left.isNegative() ? Duration.ZERO : left, () -> exceeded(pod));
        } catch (RejectedExecutionException e) {
            LOG.debug("The deadline of pod {} is not timed: the runtime is closing", pod.identity());
        }
    }

    private void exceeded(PodRecord pod) {
        if (!pod.exceedDeadline(Instant.now())) {
            return;
        }
        List<String> running = pod.runningContainers();
        LOG.info("Pod {} passed its active deadline; stopping its {} running containers", pod.identity(),
                running.size());
        pod.sandbox().ifPresent(sandbox -> {
            running.forEach(containerId -> signal(sandbox.engine(), pod, containerId, "SIGTERM"));
            try {
                pod.cancellation().schedule(background, gracePeriod(pod), () -> pod.runningContainers()
                        .forEach(containerId -> signal(sandbox.engine(), pod, containerId, "SIGKILL")));
            } catch (RejectedExecutionException e) {
                LOG.debug("Pod {} is left as it is: the runtime is closing", pod.identity());
            }
        });
    }

    private void signal(Engine inner, PodRecord pod, String containerId, String signal) {
        try {
            runner.kill(inner, containerId, signal);
        } catch (DockerException | EngineException e) {
            // It may have ended meanwhile; one that still runs goes with the pod's delete.
            LOG.debug("Container {} of pod {} did not take {}: {}", containerId, pod.identity(), signal,
                    DockerMessages.oneLine(e));
        }
    }

    private static Duration gracePeriod(PodRecord pod) {
        return GracePeriod.of(pod.pod().getSpec().getTerminationGracePeriodSeconds());
    }
}
