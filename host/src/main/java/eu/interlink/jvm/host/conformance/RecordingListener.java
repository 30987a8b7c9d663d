package eu.interlink.jvm.host.conformance;

import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.host.run.RunListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what a run tells: each status with the time it was seen, each container's followed log lines, log failures. */
final class RecordingListener implements RunListener {

    /** A status, and when it was seen. */
    record Observation(Instant at, PodStatus status) {
    }

    private final List<Observation> observations = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> lines = new ConcurrentHashMap<>();
    private final List<String> logFailures = new CopyOnWriteArrayList<>();

    @Override
    public void created(CreateResponse response) {
        // Nothing to keep: the run's result holds all a case checks.
    }

    @Override
    public void statusChanged(PodStatus status) {
        observations.add(new Observation(Instant.now(), status));
    }

    @Override
    public void logLine(String container, String line) {
        lines.computeIfAbsent(container, name -> new CopyOnWriteArrayList<>()).add(line);
    }

    @Override
    public void logFailed(String container, String message) {
        logFailures.add(container + ": " + message);
    }

    List<Observation> observations() {
        return List.copyOf(observations);
    }

    List<String> lines(String container) {
        return List.copyOf(lines.getOrDefault(container, List.of()));
    }

    List<String> logFailures() {
        return new ArrayList<>(logFailures);
    }
}
