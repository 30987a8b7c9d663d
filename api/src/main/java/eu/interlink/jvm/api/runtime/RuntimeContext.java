package eu.interlink.jvm.api.runtime;

import eu.interlink.jvm.api.accelerator.Accelerator;
import eu.interlink.jvm.api.settings.PluginSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link PodRuntimeProvider} gets to build its runtime from.
 *
 * <p>The runtime registers its meters (its pods, its calls to its backend, how long pods take to start) with
 * {@link #meters()}, a Micrometer registry the host exports (the plugin's host as Prometheus text on
 * {@code GET /metrics}). A runtime must keep the number of its meters bounded: no meter, and no tag value, per pod.
 *
 * <pre>{@code
 * PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
 * PodRuntime runtime = provider.open(new RuntimeContext(settings, accelerators, prometheus));
 * String text = prometheus.scrape();                  // the runtime's meters, in Prometheus' text format
 * }</pre>
 *
 * @param settings     the plugin's configuration; never null
 * @param accelerators the accelerators found and enabled, at most one per resource name; never null
 * @param meters       where the runtime registers its meters; never null
 */
public record RuntimeContext(PluginSettings settings, List<Accelerator> accelerators, MeterRegistry meters) {

    public RuntimeContext {
        Objects.requireNonNull(settings, "settings");
        accelerators = List.copyOf(accelerators);
        Objects.requireNonNull(meters, "meters");
    }

    /**
     * A context for an embedder who wants no metrics: the runtime's meters go to a registry that records nothing.
     *
     * @param settings     the plugin's configuration; never null
     * @param accelerators the accelerators found and enabled, at most one per resource name; never null
     */
    public RuntimeContext(PluginSettings settings, List<Accelerator> accelerators) {
        this(settings, accelerators, new CompositeMeterRegistry());
    }
}
