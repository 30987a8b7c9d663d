package eu.interlink.jvm.docker.engine;

import com.github.dockerjava.api.model.Info;
import eu.interlink.jvm.api.runtime.Readiness;
import eu.interlink.jvm.api.wire.NodeResources;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Whether the host engine answers and what it offers (CPUs, memory), refreshed in the background so that neither
 * {@code /readyz} nor the health ping ever waits on Docker: both get the last answer at once, and an answer older than
 * five seconds starts one refresh.
 */
public final class HostEngineMonitor {

    private static final Duration MAX_AGE = Duration.ofSeconds(5);

    private record Snapshot(Readiness readiness, NodeResources capacity, Set<String> runtimes) {
    }

    private final Engine host;
    private final BackgroundRefresh<Snapshot> latest;

    /**
     * @param host       the host engine
     * @param background where refreshes run
     * @param clock      tells when an answer is stale
     */
    public HostEngineMonitor(Engine host, Executor background, Clock clock) {
        this.host = host;
        this.latest = new BackgroundRefresh<>(
                new Snapshot(new Readiness(false, "the Docker engine was not asked yet"), NodeResources.UNKNOWN,
                        Set.of()),
                MAX_AGE, this::ask, background, clock);
    }

    /** Asks the engine now, within the call timeout, and keeps the answer. */
    public void refresh() {
        latest.refreshNow();
    }

    /** Asks the engine now, within the call timeout, and tells whether it answered. */
    public boolean answersNow() {
        refresh();
        return readiness().ready();
    }

    /** Whether the engine answered lately; never waits. */
    public Readiness readiness() {
        return latest.get().readiness();
    }

    /** The names of the engine's container runtimes as last seen, such as {@code runc} and {@code nvidia}. */
    public Set<String> runtimes() {
        return latest.get().runtimes();
    }

    /** The engine's CPUs and memory as last seen; never waits. */
    public NodeResources capacity() {
        return latest.get().capacity();
    }

    private Snapshot ask(Snapshot previous) {
        try {
            Info info = host.call("info", client -> client.infoCmd().exec());
            return new Snapshot(
                    new Readiness(true, "Docker engine " + info.getServerVersion() + " at " + host.address() + " answers"),
                    capacityOf(info), info.getRuntimes() == null ? Set.of() : Set.copyOf(info.getRuntimes().keySet()));
        } catch (RuntimeException e) {
            return new Snapshot(
                    new Readiness(false, "Docker engine at " + host.address() + " does not answer: " + DockerMessages.oneLine(e)),
                    previous.capacity(), previous.runtimes());
        }
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
