package eu.interlink.jvm.docker.engine;

import com.github.dockerjava.api.model.Info;
import eu.interlink.jvm.api.runtime.Readiness;
import eu.interlink.jvm.api.wire.NodeResources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the host engine answers and what it offers (CPUs, memory), refreshed in the background so that neither
 * {@code /readyz} nor the health ping ever waits on Docker: both get the last answer at once, and a stale answer
 * starts one refresh.
 */
public final class HostEngineMonitor {

    private static final Duration READINESS_MAX_AGE = Duration.ofSeconds(5);
    private static final Duration CAPACITY_MAX_AGE = Duration.ofSeconds(30);

    private record Snapshot(Instant takenAt, Readiness readiness, NodeResources capacity) {
    }

    private final Engine host;
    private final Executor background;
    private final Clock clock;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final AtomicReference<Snapshot> latest = new AtomicReference<>(
            new Snapshot(Instant.EPOCH, new Readiness(false, "the Docker engine was not asked yet"), NodeResources.UNKNOWN));

    /**
     * @param host       the host engine
     * @param background where refreshes run
     * @param clock      tells when an answer is stale
     */
    public HostEngineMonitor(Engine host, Executor background, Clock clock) {
        this.host = host;
        this.background = background;
        this.clock = clock;
    }

    /** Asks the engine now, within the call timeout, and keeps the answer. */
    public void refresh() {
        Instant now = clock.instant();
        try {
            Info info = host.call("info", client -> client.infoCmd().exec());
            latest.set(new Snapshot(now,
                    new Readiness(true, "Docker engine " + info.getServerVersion() + " at " + host.address() + " answers"),
                    capacityOf(info)));
        } catch (RuntimeException e) {
            Readiness down = new Readiness(false, "Docker engine at " + host.address() + " does not answer: "
                    + DockerMessages.oneLine(e));
            latest.updateAndGet(previous -> new Snapshot(now, down, previous.capacity()));
        }
    }

    /** Whether the engine answered lately; never waits. */
    public Readiness readiness() {
        return current(READINESS_MAX_AGE).readiness();
    }

    /** The engine's CPUs and memory as last seen (at most 30 s old while it answers); never waits. */
    public NodeResources capacity() {
        return current(CAPACITY_MAX_AGE).capacity();
    }

    private Snapshot current(Duration maxAge) {
        Snapshot snapshot = latest.get();
        if (snapshot.takenAt().plus(maxAge).isBefore(clock.instant()) && refreshing.compareAndSet(false, true)) {
            try {
                background.execute(() -> {
                    try {
                        refresh();
                    } finally {
                        refreshing.set(false);
                    }
                });
            } catch (RejectedExecutionException e) {
                refreshing.set(false);
            }
        }
        return snapshot;
    }

    private static NodeResources capacityOf(Info info) {
        Integer cpus = info.getNCPU();
        Long memory = info.getMemTotal();
        return new NodeResources(
                cpus == null || cpus <= 0 ? null : cpus.toString(),
                memory == null || memory <= 0 ? null : memoryQuantity(memory),
                null,
                List.of());
    }

    /** Bytes as an exact Kubernetes quantity, in the largest binary unit that divides them. */
    static String memoryQuantity(long bytes) {
        String[] units = {"", "Ki", "Mi", "Gi", "Ti"};
        int unit = 0;
        long value = bytes;
        while (unit < units.length - 1 && value % 1024 == 0) {
            value /= 1024;
            unit++;
        }
        return value + units[unit];
    }
}
