package eu.interlink.jvm.host.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The plugin's meters, exported in Prometheus' text format: the runtime's (which it registers with
 * {@link #registry()}), the host's requests, and the JVM's memory, threads, garbage collection, CPU and uptime.
 *
 * <pre>{@code
 * try (PluginMetrics metrics = PluginMetrics.open()) {
 *     PodRuntime runtime = provider.open(new RuntimeContext(settings, accelerators, metrics.registry()));
 *     String text = metrics.scrape();   // # HELP ..., # TYPE ..., interlink_pods{phase="Running"} 1.0, ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. Closing it stops watching the garbage collector and closes the registry.
 */
public final class PluginMetrics implements AutoCloseable {

    /** The content type of {@link #scrape()}: Prometheus' text format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics garbageCollection;

    private PluginMetrics(PrometheusMeterRegistry registry, JvmGcMetrics garbageCollection) {
        this.registry = registry;
        this.garbageCollection = garbageCollection;
    }

    /** A new registry, with the JVM's meters bound to it. */
    public static PluginMetrics open() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        JvmGcMetrics garbageCollection = new JvmGcMetrics();
        garbageCollection.bindTo(registry);
        return new PluginMetrics(registry, garbageCollection);
    }

    /** Where meters are registered to be exported. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Every meter now, in Prometheus' text format ({@link #CONTENT_TYPE}). */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        garbageCollection.close();
        registry.close();
    }
}
