package eu.interlink.jvm.host.discovery;

import eu.interlink.jvm.api.accelerator.Accelerator;
import eu.interlink.jvm.api.accelerator.AcceleratorProvider;
import eu.interlink.jvm.api.settings.PluginSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the accelerators whose providers are on the classpath or in the plugin jars, for the runtime to allocate
 * devices from.
 */
public final class AcceleratorDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(AcceleratorDiscovery.class);

    private final ProviderLoader loader;

    /** Discovery among the providers that {@code classLoader} sees. */
    public AcceleratorDiscovery(ClassLoader classLoader) {
        this.loader = new ProviderLoader(classLoader);
    }

    /**
     * Opens every provider with the settings and keeps the accelerators they answer; a disabled one answers none.
     *
     * @return the accelerators, at most one per resource name; never null
     * @throws DiscoveryException when two providers serve the same resource name
     * @throws eu.interlink.jvm.api.settings.InvalidSettingException when a provider's setting does not fit
     */
    public List<Accelerator> open(PluginSettings settings) {
        List<AcceleratorProvider> providers = loader.load(AcceleratorProvider.class, AcceleratorProvider::resourceName);
        Map<String, AcceleratorProvider> byResource = new HashMap<>();
        for (AcceleratorProvider provider : providers) {
            AcceleratorProvider other = byResource.putIfAbsent(provider.resourceName(), provider);
            if (other != null) {
                throw new DiscoveryException("two AcceleratorProviders serve " + provider.resourceName() + ": "
                        + other.getClass().getName() + " and " + provider.getClass().getName()
                        + "; remove one of their jars from the classpath or the plugins folder");
            }
        }
        List<Accelerator> accelerators = new ArrayList<>();
        for (AcceleratorProvider provider : providers) {
            Optional<Accelerator> accelerator = provider.open(settings);
            accelerator.ifPresentOrElse(accelerators::add,
                    () -> LOG.info("accelerator {} is disabled by the configuration", provider.resourceName()));
        }
        if (accelerators.isEmpty()) {
            LOG.info("no accelerators");
        } else {
            LOG.info("accelerators: {}",
                    accelerators.stream().map(Accelerator::resourceName).collect(Collectors.joining(", ")));
        }
        return List.copyOf(accelerators);
    }
}
