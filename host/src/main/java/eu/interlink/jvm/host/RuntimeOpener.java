package eu.interlink.jvm.host;

import eu.interlink.jvm.api.accelerator.Accelerator;
import eu.interlink.jvm.api.runtime.PodRuntime;
import eu.interlink.jvm.api.runtime.PodRuntimeProvider;
import eu.interlink.jvm.api.runtime.RuntimeContext;
import eu.interlink.jvm.api.settings.PluginSettings;
import eu.interlink.jvm.host.discovery.AcceleratorDiscovery;
import eu.interlink.jvm.host.discovery.RuntimeDiscovery;
import eu.interlink.jvm.host.plugins.PluginJars;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds the accelerators and the runtime among the host's classes and the plugin jars, and opens the runtime. */
public final class RuntimeOpener {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeOpener.class);

    private RuntimeOpener() {
    }

    /**
     * @param settings    the runtime's and the accelerators' configuration
     * @param runtimeName the {@code PodRuntimeProvider} to use; empty for the only one found
     * @param plugins     the plugin jars, whose class loader also sees the host's classes
     * @param meters      where the runtime records its meters
     * @throws eu.interlink.jvm.host.discovery.DiscoveryException when no such runtime, or a broken accelerator, is found
     */
    public static PodRuntime open(PluginSettings settings, Optional<String> runtimeName, PluginJars plugins,
            MeterRegistry meters) {
        List<Accelerator> accelerators = new AcceleratorDiscovery(plugins.classLoader()).open(settings);
        PodRuntimeProvider provider = new RuntimeDiscovery(plugins.classLoader()).select(runtimeName);
        PodRuntime runtime = provider.open(new RuntimeContext(settings, accelerators, meters));
        LOG.info("runtime '{}' is open", provider.name());
        return runtime;
    }
}
