package eu.interlink.jvm.docker.metrics;

import eu.interlink.jvm.api.wire.PodPhase;
import eu.interlink.jvm.api.wire.PodStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * The runtime's gauges, each read from the runtime's own state when the registry is scraped, never kept up to date
 * beside it:
 * <ul>
 *   <li>{@code interlink.pods}, tagged {@code phase}: the pods known, by the {@link PodPhase} of their status;</li>
 *   <li>{@code interlink.pool.sandboxes}, {@code interlink.pool.target} and {@code interlink.pool.builds}: the ready
 *       sandboxes of the pool, how many it keeps ready ({@code AVAILABLEDINDS}), and its builds under way;</li>
 *   <li>{@code interlink.accelerator.devices}, tagged {@code resource} and {@code state} ({@code free} or
 *       {@code used}): the devices of each accelerator.</li>
 * </ul>
 * Its owner closes it with the runtime: the gauges leave the registry, so that it holds nothing of a closed runtime.
 * Thread-safe.
 */
public final class RuntimeGauges implements AutoCloseable {

    private final MeterRegistry registry;
    private final List<Meter> registered = new ArrayList<>();

    /** @param registry where the gauges are registered */
    public RuntimeGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Registers {@code interlink.pods}, one gauge per phase.
     *
     * @param statuses the status of every pod the runtime knows, now
     */
    public synchronized RuntimeGauges pods(Supplier<? extends Collection<PodStatus>> statuses) {
        for (PodPhase phase : PodPhase.values()) {
            register(Gauge.builder("interlink.pods", () -> statuses.get().stream()
                            .filter(status -> PodPhase.of(status) == phase).count())
                    .description("Pods known to the runtime, by the phase their status gives them")
                    .tag("phase", phase.label()));
        }
        return this;
    }

    /**
     * Registers the pool's gauges.
     *
     * @param ready  how many sandboxes are ready now
     * @param target how many it keeps ready
     * @param builds how many builds are under way now
     */
    public synchronized RuntimeGauges pool(IntSupplier ready, int target, IntSupplier builds) {
        register(Gauge.builder("interlink.pool.sandboxes", ready::getAsInt)
                .description("Sandboxes ready in the pool"));
        register(Gauge.builder("interlink.pool.target", () -> target)
                .description("Sandboxes the pool keeps ready (AVAILABLEDINDS)"));
        register(Gauge.builder("interlink.pool.builds", builds::getAsInt)
                .description("Pool sandboxes being built"));
        return this;
    }

    /**
     * Registers {@code interlink.accelerator.devices}, free and used, for each resource.
     *
     * @param resources the extended resources the accelerators serve
     * @param free      how many devices of a resource are free now
     * @param present   how many devices of a resource there are
     */
    public synchronized RuntimeGauges devices(Collection<String> resources, ToIntFunction<String> free,
            ToIntFunction<String> present) {
        for (String resource : resources) {
            register(devices(resource, "free", () -> free.applyAsInt(resource)));
            register(devices(resource, "used", () -> present.applyAsInt(resource) - free.applyAsInt(resource)));
        }
        return this;
    }

    /** Removes the gauges from the registry. Idempotent. */
    @Override
    public synchronized void close() {
        registered.forEach(registry::remove);
        registered.clear();
    }

    private static Gauge.Builder<?> devices(String resource, String state, Supplier<Integer> count) {
        return Gauge.builder("interlink.accelerator.devices", count)
                .description("Accelerator devices, free or held by pods").tag("resource", resource).tag("state", state);
    }

    private void register(Gauge.Builder<?> gauge) {
        registered.add(gauge.register(registry));
    }
}
