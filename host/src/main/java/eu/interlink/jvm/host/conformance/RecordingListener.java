package eu.interlink.jvm.host.conformance;

import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.host.run.RunListener;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what a run tells: each status with the time it was seen, each container's followed log lines and log failures. */
final class RecordingListener implements RunListener {

    /** A status, and when it was seen. */
    record Observation(Instant at, PodStatus status) {
    }

    private volatile CreateResponse created;
    private final List<Observation> observations = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> lines = new ConcurrentHashMap<>();
    private final Map<String, List<String>> logFailures = new ConcurrentHashMap<>();

    @Override
    public void created(CreateResponse response) {
        created = response;
    }

    @Override
    public void statusChanged(PodStatus status) {
        observations.add(new Observation(Instant.now(), status));
    }

    @Override
    public void statusFailed(String message) {
        // Asked again, as interLink does; a status that keeps failing ends the run with its reason.
    }

    @Override
    public void logLine(String container, String line) {
        lines.computeIfAbsent(container, name -> new CopyOnWriteArrayList<>()).add(line);
    }

    @Override
    public void logFailed(String container, String message) {
        logFailures.computeIfAbsent(container, name -> new CopyOnWriteArrayList<>()).add(message);
    }

    /** The create's answer; null until then. */
    CreateResponse created() {
        return created;
    }

    List<Observation> observations() {
        return List.copyOf(observations);
    }

    List<String> lines(String container) {
        return List.copyOf(lines.getOrDefault(container, List.of()));
    }

    /** Why the container's log could not be followed, each time it could not. */
    List<String> logFailures(String container) {
        return List.copyOf(logFailures.getOrDefault(container, List.of()));
    }

}
