package eu.interlink.jvm.host.run;

import eu.interlink.jvm.api.wire.ContainerReasons;
import eu.interlink.jvm.api.wire.LogOptions;
import eu.interlink.jvm.api.wire.LogRequest;
import eu.interlink.jvm.api.wire.PodStatus;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Follows the log of each run of a pod's containers once it has started, on threads of its own, and hands its lines to
 * the listener. The logs are told in the order the runs ran: the init containers' one after the other, then each
 * regular container's runs one after the other (a sidecar init container's beside them); a run that ended before it was seen running (a container that
 * restarts quickly) is read once it has ended, as the latest log while its container waits to start again, else as
 * the previous one. Owns its threads: {@link #close} stops them.
 */
final class LogFollowers implements AutoCloseable {

    private static final LogOptions FOLLOW = new LogOptions(0, 0, false, true, false, 0, null);
    private static final LogOptions PREVIOUS = new LogOptions(0, 0, false, false, true, 0, null);
    private static final LogOptions LATEST = LogOptions.DEFAULTS;

    private final PodBackend backend;
    private final Pod pod;
    private final RunListener listener;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "log-follower");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<String> toldRuns = ConcurrentHashMap.newKeySet();
    private final List<Future<?>> follows = new CopyOnWriteArrayList<>();
    /** Ends once the logs of the init containers seen so far have been told. */
    private CompletableFuture<Void> initLogs = CompletableFuture.completedFuture(null);
    /** For each regular container, ends once the logs of its runs seen so far have been told. */
    private final Map<String, CompletableFuture<Void>> containerLogs = new HashMap<>();
    private volatile boolean closed;

    LogFollowers(PodBackend backend, Pod pod, RunListener listener) {
        this.backend = backend;
        this.pod = pod;
        this.listener = listener;
    }

    /** Starts telling the log of each run that has started, or ended, since the last call. */
    void followStarted(PodStatus status) {
        status.initContainers().forEach(init -> tellNewRuns(init, true));
        status.containers().forEach(container -> tellNewRuns(container, false));
    }

    /** Waits until every log followed so far has ended, at most {@code limit}; the rest are cut off by close. */
    void awaitEnd(Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        for (Future<?> follow : follows) {
            long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
            try {
                follow.get(left, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        threads.shutdownNow();
    }

    private void tellNewRuns(ContainerStatus container, boolean init) {
        ContainerState last = container.getLastState();
        if (last != null && last.getTerminated() != null
                && toldRuns.add(runKey(container, last.getTerminated().getContainerID(), -1))) {
            // Until its container starts again, the run that ended is the latest, as kubelet counts them.
            tell(container.getName(), init, started(container) ? PREVIOUS : LATEST);
        }
        if (started(container) && toldRuns.add(runKey(container, container.getContainerID(), 0))) {
            tell(container.getName(), init, FOLLOW);
        }
    }

    /** A run is known by its container id; by its container's name and restart count when the plugin gives none. */
    private static String runKey(ContainerStatus container, String containerId, int restartOffset) {
        if (containerId != null && !containerId.isEmpty()) {
            return containerId;
        }
        int restarts = container.getRestartCount() == null ? 0 : container.getRestartCount();
        return container.getName() + "#" + (restarts + restartOffset);
    }

    private void tell(String container, boolean init, LogOptions options) {
        boolean inOrder = init && !sidecar(container);
        CompletableFuture<Void> after = inOrder ? initLogs : containerLogs.getOrDefault(container, initLogs);
        CompletableFuture<Void> told = after.thenRunAsync(() -> copy(container, options), threads);
        if (inOrder) {
            initLogs = told;
        } else {
            containerLogs.put(container, told);
        }
        follows.add(told);
    }

    /** An init container that runs beside the others ({@code restartPolicy: Always}), whose log never ends before them. */
    private boolean sidecar(String container) {
        List<Container> inits = pod.getSpec() == null ? null : pod.getSpec().getInitContainers();
        return inits != null && inits.stream()
                .anyMatch(init -> container.equals(init.getName()) && "Always".equals(init.getRestartPolicy()));
    }

    private void copy(String container, LogOptions options) {
        LogRequest request = LogRequest.of(pod, container, options);
        try (LineSplitter lines = new LineSplitter(line -> listener.logLine(container, line))) {
            backend.logs(request, lines);
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                listener.logFailed(container, e.getMessage());
            }
        }
    }

    /** Running, ended, or running but not yet ready (which interLink plugins report as waiting). */
    private static boolean started(ContainerStatus container) {
        ContainerState state = container.getState();
        return state != null && (state.getRunning() != null || state.getTerminated() != null
                || state.getWaiting() != null && ContainerReasons.PROBES_PENDING.equals(state.getWaiting().getReason()));
    }
}
