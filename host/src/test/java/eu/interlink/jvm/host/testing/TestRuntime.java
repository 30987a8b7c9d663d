package eu.interlink.jvm.host.testing;

import eu.interlink.jvm.api.runtime.LogStream;
import eu.interlink.jvm.api.runtime.PodRuntime;
import eu.interlink.jvm.api.runtime.Readiness;
import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.LogRequest;
import eu.interlink.jvm.api.wire.NodeResources;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link PodRuntime} test double that isolates the HTTP layer: it records what it is asked and answers what the
 * test sets. Every default answer is harmless (created, known nothing, ready).
 */
public final class TestRuntime implements PodRuntime {

    public final List<RetrievedPodData> created = new CopyOnWriteArrayList<>();
    public final List<Pod> deleted = new CopyOnWriteArrayList<>();
    public final List<LogRequest> logRequests = new CopyOnWriteArrayList<>();

    public volatile Function<Pod, PodStatus> status = pod -> new PodStatus(pod.getMetadata().getName(),
            pod.getMetadata().getUid(), pod.getMetadata().getNamespace(), "job-" + pod.getMetadata().getName(),
            List.of(), List.of());
    public volatile Supplier<NodeResources> capacity = () -> NodeResources.UNKNOWN;
    public volatile Readiness readiness = new Readiness(true, "all set");
    /** What {@link #logs} answers; a test sets it to throw, or to a log that writes, blocks or throws. */
    public volatile Function<LogRequest, LogStream> logs = request -> out -> out.write("a log line\n".getBytes());
    public volatile RuntimeException createFailure;
    public volatile boolean closed;

    @Override
    public CreateResponse create(RetrievedPodData pod) {
        if (createFailure != null) {
            throw createFailure;
        }
        created.add(pod);
        return new CreateResponse(pod.podUid(), "job-" + pod.pod().getMetadata().getName());
    }

    @Override
    public void delete(Pod pod) {
        deleted.add(pod);
    }

    @Override
    public PodStatus status(Pod pod) {
        return status.apply(pod);
    }

    @Override
    public LogStream logs(LogRequest request) {
        logRequests.add(request);
        return logs.apply(request);
    }

    @Override
    public NodeResources capacity() {
        return capacity.get();
    }

    @Override
    public Readiness readiness() {
        return readiness;
    }

    @Override
    public void close() {
        closed = true;
    }
}
