package eu.interlink.jvm.docker.status;

import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.docker.lifecycle.ContainerRuns;
import eu.interlink.jvm.docker.lifecycle.ContainerSnapshot;
import eu.interlink.jvm.docker.lifecycle.DeadlineExceeded;
import eu.interlink.jvm.docker.lifecycle.PodIdentity;
import eu.interlink.jvm.docker.lifecycle.PodRecord;
import eu.interlink.jvm.docker.lifecycle.Reason;
import eu.interlink.jvm.docker.lifecycle.RestartRule;
import eu.interlink.jvm.docker.lifecycle.RunHealth;
import eu.interlink.jvm.docker.lifecycle.SandboxLost;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Answers a pod's status: every spec container, init containers too, in spec order, each with a real state.
 *
 * <p>Everything comes from the pod's record, never from Docker: a container that exists is reported as Docker last
 * described its current run to the record's observer, or as {@code ContainerStatusUnknown} while its sandbox does not
 * answer; one that does not exist yet waits with the pod's current progress, or has ended with the reason it will
 * never run.
 * A run that ended is {@code waiting} with reason {@code CrashLoopBackOff} when the container is to run again
 * ({@link RestartRule}), as kubelet reports it, so that interLink never takes the pod for ended. A running run that
 * its postStart hook or probes do not make ready yet is {@code waiting} ({@link RunHealthOverlay}). Once the pod's
 * active deadline passed, each container that had not terminated then is terminated with reason
 * {@code DeadlineExceeded}; once its sandbox died, with reason {@code ContainerStatusUnknown} and what befell the
 * sandbox.
 */
public final class PodStatusReader {

    /** The annotation in which the virtual kubelet keeps the JID that create answered. */
    public static final String JOB_ID_ANNOTATION = "JobID";

    private final RestartRule restarts;

    /** @param restarts whether and when an ended run is followed by another, as the pod's work decides it */
    public PodStatusReader(RestartRule restarts) {
        this.restarts = restarts;
    }

    /** The status of a pod this runtime knows. */
    public PodStatus of(PodRecord pod) {
        PodIdentity identity = pod.identity();
        return new PodStatus(identity.name(), identity.uid(), identity.namespace(), pod.sandboxId(),
                statuses(pod.containers(), spec -> statusOf(pod, spec)),
                statuses(pod.initContainers(), spec -> statusOf(pod, spec)));
    }

    /**
     * The status of a pod this runtime does not know: still being created while the virtual kubelet has no JID for
     * it, lost (so that it fails instead of hanging) once it has one.
     */
    public PodStatus unknown(Pod pod) {
        PodIdentity identity = PodIdentity.of(pod);
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        String jobId = annotations == null ? null : annotations.get(JOB_ID_ANNOTATION);
        Function<Container, ContainerStatus> status = jobId == null
                ? spec -> ContainerStatusMapper.waiting(spec, PodRecord.CONTAINER_CREATING, null)
                : spec -> ContainerStatusMapper.terminatedWithoutContainer(spec, "NotFound",
                        "the Docker runtime has no pod with this UID (JobID " + jobId + ")");
        List<Container> containers = pod.getSpec() == null ? null : pod.getSpec().getContainers();
        List<Container> initContainers = pod.getSpec() == null ? null : pod.getSpec().getInitContainers();
        return new PodStatus(identity.name(), identity.uid(), identity.namespace(), jobId,
                statuses(containers, status), statuses(initContainers, status));
    }

    private ContainerStatus statusOf(PodRecord pod, Container spec) {
        Optional<ContainerRuns> runs = pod.runs(spec.getName());
        DeadlineExceeded deadline = pod.deadlineExceeded();
        if (deadline != null && deadline.ended(spec.getName())) {
            return ContainerStatusMapper.deadlineExceeded(spec, runs.orElse(null), deadline.at());
        }
        SandboxLost lost = pod.sandboxLost();
        if (lost != null && lost.ended(spec.getName())) {
            return ContainerStatusMapper.sandboxLost(spec, runs.orElse(null), lost);
        }
        if (runs.isPresent()) {
            return fromRuns(pod, runs.get(), spec);
        }
        Reason failure = pod.failure(spec.getName());
        if (failure != null) {
            return ContainerStatusMapper.terminatedWithoutContainer(spec, failure.reason(), failure.message());
        }
        Reason waiting = pod.waiting(spec.getName());
        return ContainerStatusMapper.waiting(spec, waiting.reason(), waiting.message());
    }

    private ContainerStatus fromRuns(PodRecord pod, ContainerRuns runs, Container spec) {
        if (runs.lost() != null) {
            return ContainerStatusMapper.terminatedWithoutContainer(spec, runs.lost().reason(), runs.lost().message());
        }
        ContainerSnapshot run = runs.current();
        if (run == null) {
            return withHealth(pod, ContainerStatusMapper.waitingRun(spec, runs, new Reason(
                    PodRecord.CONTAINER_CREATING, "starting container")), null, runs.previous());
        }
        Reason trouble = pod.engineTrouble();
        if (trouble != null && !run.ended()) {
            return withHealth(pod, ContainerStatusMapper.waitingRun(spec, runs, trouble), null, runs.previous());
        }
        Reason pause = restarts.pauseAfter(pod, spec.getName(), run)
                .map(delay -> crashLoopBackOff(pod.identity(), spec, delay)).orElse(null);
        return withHealth(pod, ContainerStatusMapper.fromDocker(spec, run, runs, pause), run,
                pause != null ? run : runs.previous());
    }

    /**
     * The status with what the postStart hooks and probes say about the run it shows as its state, if any, and about
     * the one it shows as its last state, if any.
     */
    private static ContainerStatus withHealth(PodRecord pod, ContainerStatus status, ContainerSnapshot current,
            ContainerSnapshot last) {
        RunHealth health = current == null ? null : pod.health(current.containerId()).orElse(null);
        Reason lastKilled = last == null ? null : pod.health(last.containerId()).map(RunHealth::killed).orElse(null);
        return RunHealthOverlay.apply(status, health, lastKilled);
    }

    /** Kubelet's reason and message, the pause written as Go writes a duration ({@code 10s}, {@code 2m40s}). */
    private static Reason crashLoopBackOff(PodIdentity pod, Container spec, Duration pause) {
        return new Reason("CrashLoopBackOff", "back-off " + goDuration(pause) + " restarting failed container="
                + spec.getName() + " pod=" + pod.namespace() + "/" + pod.name());
    }

    private static String goDuration(Duration duration) {
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            return duration.toMillis() + "ms";
        }
        long minutes = duration.toMinutes();
        BigDecimal seconds = BigDecimal.valueOf(duration.minusMinutes(minutes).toMillis(), 3).stripTrailingZeros();
        return (minutes > 0 ? minutes + "m" : "") + seconds.toPlainString() + "s";
    }

    private static List<ContainerStatus> statuses(List<Container> specs, Function<Container, ContainerStatus> status) {
        return specs == null ? List.of() : specs.stream().map(status).toList();
    }
}
