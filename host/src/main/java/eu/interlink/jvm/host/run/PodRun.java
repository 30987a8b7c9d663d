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

/**
 * Runs a pod on a backend as interLink's virtual kubelet would: creates it, asks its status until it has ended,
 * telling each change, and follows each container's log as it starts. It does not delete the pod: its caller does,
 * when it wants to.
 */
public final class PodRun {

    /** How long the logs may go on once the pod has ended: they end with their containers, so this is a bound. */
    private static final Duration LOG_DRAIN = Duration.ofSeconds(10);

    private final PodBackend backend;
    private final RunListener listener;
    private final Duration pollInterval;

    /**
     * @param backend      where the pod runs
     * @param listener     what is told as the run goes
     * @param pollInterval how long to wait between two status requests
     */
    public PodRun(PodBackend backend, RunListener listener, Duration pollInterval) {
        this.backend = backend;
        this.listener = listener;
        this.pollInterval = pollInterval;
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
        CreateResponse created = backend.create(request);
        listener.created(created);
        Pod pod = withJobId(request.pod(), created.podJid());
        try (LogFollowers logs = new LogFollowers(backend, pod, listener)) {
            Map<String, String> told = Map.of();
            while (true) {
                PodStatus status = backend.status(pod);
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
                if (Instant.now().isAfter(deadline)) {
                    throw new RunTimeoutException(timeout, lines);
                }
                Thread.sleep(pollInterval.toMillis());
            }
        }
    }

    /** The pod as the virtual kubelet knows it after create: with the runtime's id as its {@code JobID}. */
    private static Pod withJobId(Pod pod, String jobId) {
        if (jobId == null || jobId.isEmpty()) {
            return pod;
        }
        return new PodBuilder(pod).editMetadata().addToAnnotations("JobID", jobId).endMetadata().build();
    }
}
