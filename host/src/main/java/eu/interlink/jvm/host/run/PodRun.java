package eu.interlink.jvm.host.run;

import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.PodPhase;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a pod on a backend as interLink's virtual kubelet would: creates it, asks its status until it has ended,
 * telling each change, and follows each container's log as it starts. A status request that fails is asked again,
 * as the virtual kubelet does, for as long as its caller is patient. It does not delete the pod: its caller does,
 * with {@link #knownPod()}, when it wants to.
 */
public final class PodRun {

    /** How long the logs may go on once the pod has ended: they end with their containers, so this is a bound. */
    private static final Duration LOG_DRAIN = Duration.ofSeconds(10);

    private final PodBackend backend;
    private final RunListener listener;
    private final Duration pollInterval;
    private final Duration statusPatience;
    private volatile Pod knownPod;

    /**
     * @param backend        where the pod runs
     * @param listener       what is told as the run goes
     * @param pollInterval   how long to wait between two status requests
     * @param statusPatience how long the status requests may keep failing before the run gives up
     */
    public PodRun(PodBackend backend, RunListener listener, Duration pollInterval, Duration statusPatience) {
        this.backend = backend;
        this.listener = listener;
        this.pollInterval = pollInterval;
        this.statusPatience = statusPatience;
    }

    /**
     * Creates the pod and follows it until it has succeeded or failed.
     *
     * @param request what {@code POST /create} sends
     * @param timeout how long the pod may take, from its create to its end
     * @return how it ended
     * @throws RunTimeoutException when it has not ended in time; the pod is left as it is
     * @throws InterruptedException when the waiting thread is interrupted; the pod is left as it is
     */
    public RunResult run(RetrievedPodData request, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        knownPod = request.pod();
        CreateResponse created = backend.create(request);
        listener.created(created);
        Pod pod = withJobId(request.pod(), created.podJid());
        knownPod = pod;
        try (LogFollowers logs = new LogFollowers(backend, pod, listener)) {
            Map<String, String> told = Map.of();
            StatusFailures failures = new StatusFailures();
            while (true) {
                PodStatus status = failures.tolerate(() -> backend.status(pod));
                if (status != null) {
                    Map<String, String> lines = ContainerLines.of(status);
                    if (!lines.equals(told)) {
                        listener.statusChanged(status);
                        told = lines;
                    }
                    logs.followStarted(status);
                    PodPhase phase = PodPhase.of(status);
                    if (phase == PodPhase.SUCCEEDED || phase == PodPhase.FAILED) {
                        logs.awaitEnd(LOG_DRAIN);
                        return new RunResult(status, phase);
                    }
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new RunTimeoutException(timeout, told, failures.lastFailure());
                }
                Thread.sleep(pollInterval.toMillis());
            }
        }
    }

    /**
     * The pod as the virtual kubelet knows it: the one sent, with the runtime's id as its {@code JobID} once it was
     * created; what a delete sends. Null before {@link #run}.
     */
    public Pod knownPod() {
        return knownPod;
    }

    private static Pod withJobId(Pod pod, String jobId) {
        if (jobId == null || jobId.isEmpty()) {
            return pod;
        }
        return new PodBuilder(pod).editMetadata().addToAnnotations("JobID", jobId).endMetadata().build();
    }

    /** Failed status requests in a row: each new reason told once, and the last thrown once they last too long. */
    private final class StatusFailures {

        private Instant failingSince;
        private String lastTold;

        /** Why the status request failed, when it failed last time. */
        Optional<String> lastFailure() {
            return Optional.ofNullable(lastTold);
        }

        /** The status, or null when its request failed and may be asked again. */
        PodStatus tolerate(Supplier<PodStatus> request) {
            try {
                PodStatus status = request.get();
                failingSince = null;
                lastTold = null;
                return status;
            } catch (RuntimeException e) {
                Instant now = Instant.now();
                failingSince = Objects.requireNonNullElse(failingSince, now);
                if (Duration.between(failingSince, now).compareTo(statusPatience) > 0 || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                if (!Objects.equals(lastTold, e.getMessage())) {
                    listener.statusFailed(e.getMessage());
                    lastTold = e.getMessage();
                }
                return null;
            }
        }
    }
}
