package eu.interlink.jvm.host.conformance;

import eu.interlink.jvm.api.wire.LogOptions;
import eu.interlink.jvm.api.wire.LogRequest;
import eu.interlink.jvm.api.wire.PodPhase;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.host.conformance.RecordingListener.Observation;
import eu.interlink.jvm.host.run.ContainerLines;
import eu.interlink.jvm.host.run.PodBackend;
import eu.interlink.jvm.host.run.RunResult;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a case's pod showed, for its checks: how it ended, the statuses seen on the way, its followed logs, and its
 * logs on request. Every accessor that does not find what it is asked for throws a {@link CaseFailure} that says so.
 */
final class CaseRun {

    private final RunResult result;
    private final RecordingListener recording;
    private final PodBackend backend;
    private final Pod pod;

    CaseRun(RunResult result, RecordingListener recording, PodBackend backend, Pod pod) {
        this.result = result;
        this.recording = recording;
        this.backend = backend;
        this.pod = pod;
    }

    RunResult result() {
        return result;
    }

    /** Fails unless the pod ended in {@code phase}. */
    void expectPhase(PodPhase phase) {
        if (result.phase() != phase) {
            throw new CaseFailure("the pod ended " + result.phase().label() + ", expected " + phase.label()
                    + "; its containers: " + ContainerLines.of(result.status()));
        }
    }

    List<Observation> observations() {
        return recording.observations();
    }

    /** The lines of the container's log as they were followed while it ran; fails when it could not be followed. */
    List<String> followedLines(String container) {
        List<String> lines = recording.lines(container);
        List<String> failures = recording.logFailures(container);
        if (lines.isEmpty() && !failures.isEmpty()) {
            throw new CaseFailure("the log of " + container + " could not be followed: " + failures);
        }
        return lines;
    }

    /** The lines of the container's log that were followed, none when it could not be followed. */
    List<String> linesSeen(String container) {
        return recording.lines(container);
    }

    /** The last status of a regular container. */
    ContainerStatus container(String name) {
        return find(result.status().containers(), name, "container");
    }

    /** The last status of an init container. */
    ContainerStatus initContainer(String name) {
        return find(result.status().initContainers(), name, "init container");
    }

    /** The container's log as {@code GET /getLogs} answers it with these options. */
    String log(String container, LogOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            backend.logs(LogRequest.of(pod, container, options), out);
        } catch (IOException | RuntimeException e) {
            throw new CaseFailure("the log of " + container + " with " + options + " cannot be read: " + e.getMessage());
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The exit code of a container that has terminated. */
    static int exitCode(ContainerStatus container) {
        if (container.getState() == null || container.getState().getTerminated() == null
                || container.getState().getTerminated().getExitCode() == null) {
            throw new CaseFailure("container " + container.getName() + " has not terminated with an exit code: "
                    + container.getState());
        }
        return container.getState().getTerminated().getExitCode();
    }

    private static ContainerStatus find(List<ContainerStatus> statuses, String name, String kind) {
        return statuses.stream().filter(status -> name.equals(status.getName())).findFirst()
                .orElseThrow(() -> new CaseFailure("the status lists no " + kind + " " + name));
    }

    static boolean running(PodStatus status, String container) {
        return status.containers().stream().anyMatch(c -> container.equals(c.getName()) && c.getState() != null
                && c.getState().getRunning() != null);
    }
}
