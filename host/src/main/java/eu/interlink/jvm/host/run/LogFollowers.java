package eu.interlink.jvm.host.run;

import eu.interlink.jvm.api.wire.ContainerReasons;
import eu.interlink.jvm.api.wire.LogOptions;
import eu.interlink.jvm.api.wire.LogRequest;
import eu.interlink.jvm.api.wire.PodStatus;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * Follows the log of each container run of a pod once it has started, on threads of its own, and hands its lines to
 * the listener. Owns its threads: {@link #close} stops them.
 */
final class LogFollowers implements AutoCloseable {

    private static final LogOptions FOLLOW = new LogOptions(0, 0, false, true, false, 0, null);

    private final PodBackend backend;
    private final Pod pod;
    private final RunListener listener;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "log-follower");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<String> followedRuns = ConcurrentHashMap.newKeySet();
    private final List<Future<?>> follows = new CopyOnWriteArrayList<>();
    /** Ends when the logs of the init containers seen so far have been followed, one after the other. */
    private CompletableFuture<Void> initLogs = CompletableFuture.completedFuture(null);
    private volatile boolean closed;

    LogFollowers(PodBackend backend, Pod pod, RunListener listener) {
        this.backend = backend;
        this.pod = pod;
        this.listener = listener;
    }

    /**
     * Starts following each container run that has started since the last call. The init containers' logs are told
     * one after the other, and the regular containers' after them, as they ran, even when one status shows them all
     * started.
     */
    void followStarted(PodStatus status) {
        for (ContainerStatus init : status.initContainers()) {
            if (startedAndNew(init)) {
                initLogs = initLogs.thenRunAsync(() -> follow(init.getName()), threads);
                follows.add(initLogs);
            }
        }
        for (ContainerStatus container : status.containers()) {
            if (startedAndNew(container)) {
                follows.add(initLogs.thenRunAsync(() -> follow(container.getName()), threads));
            }
        }
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

    private void follow(String container) {
        ObjectMeta metadata = pod.getMetadata();
        LogRequest request = new LogRequest(metadata.getNamespace(), metadata.getUid(), metadata.getName(), container,
                FOLLOW);
        try (LineSplitter lines = new LineSplitter(line -> listener.logLine(container, line))) {
            backend.logs(request, lines);
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                listener.logFailed(container, e.getMessage());
            }
        }
    }

    private boolean startedAndNew(ContainerStatus container) {
        return started(container) && followedRuns.add(container.getName() + "#" + container.getRestartCount());
    }

    /** Running, ended, or running but not yet ready (which interLink plugins report as waiting). */
    private static boolean started(ContainerStatus container) {
        ContainerState state = container.getState();
        return state != null && (state.getRunning() != null || state.getTerminated() != null
                || state.getWaiting() != null && ContainerReasons.PROBES_PENDING.equals(state.getWaiting().getReason()));
    }
}
