package eu.interlink.jvm.host.run;

import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.LogRequest;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link PodBackend} test double that isolates the run logic: it answers a scripted sequence of statuses (the last
 * one again and again; a null one fails with {@link #STATUS_FAILURE}) and a fixed log per container, and records what
 * it is asked.
 */
final class ScriptedBackend implements PodBackend {

    static final String STATUS_FAILURE = "GET /status answered 500: the plugin is restarting";

    final List<Pod> statusRequests = new CopyOnWriteArrayList<>();
    final List<LogRequest> logRequests = new CopyOnWriteArrayList<>();
    final List<Pod> deleted = new CopyOnWriteArrayList<>();
    final Map<String, String> logs = new ConcurrentHashMap<>();
    volatile boolean closed;
    private final List<PodStatus> script;
    private int next;

    ScriptedBackend(List<PodStatus> script) {
        this.script = new ArrayList<>(script);
    }

    @Override
    public CreateResponse create(RetrievedPodData pod) {
        return new CreateResponse(pod.podUid(), "job-1");
    }

    @Override
    public synchronized PodStatus status(Pod pod) {
        statusRequests.add(pod);
        PodStatus status = script.get(Math.min(next, script.size() - 1));
        next++;
        if (status == null) {
            throw new IllegalStateException(STATUS_FAILURE);
        }
        return status;
    }

    @Override
    public void logs(LogRequest request, OutputStream out) throws IOException {
        logRequests.add(request);
        out.write(logs.getOrDefault(request.containerName(), "").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void delete(Pod pod) {
        deleted.add(pod);
    }

    @Override
    public String description() {
        return "the scripted backend";
    }

    @Override
    public void close() {
        closed = true;
    }

    static Pod pod() {
        return new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").withUid("u-1").endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("busybox").endContainer().endSpec().build();
    }

    static PodStatus status(List<ContainerStatus> init, ContainerStatus... containers) {
        return new PodStatus("p", "u-1", "ns", "job-1", List.of(containers), init);
    }

    static ContainerStatus waiting(String name, String reason, String message) {
        return new ContainerStatusBuilder().withName(name).withRestartCount(0).withNewState().withNewWaiting()
                .withReason(reason).withMessage(message).endWaiting().endState().build();
    }

    static ContainerStatus running(String name) {
        return new ContainerStatusBuilder().withName(name).withRestartCount(0).withReady(true).withNewState()
                .withNewRunning().withStartedAt("2026-12-01T00:00:00Z").endRunning().endState().build();
    }

    static ContainerStatus terminated(String name, int exitCode) {
        return new ContainerStatusBuilder().withName(name).withRestartCount(0).withNewState().withNewTerminated()
                .withExitCode(exitCode).withReason(exitCode == 0 ? "Completed" : "Error").endTerminated().endState()
                .build();
    }
}
