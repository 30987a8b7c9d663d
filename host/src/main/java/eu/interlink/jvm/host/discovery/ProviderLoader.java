package eu.interlink.jvm.host.discovery;

import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds the implementations of a service type with {@link ServiceLoader} and logs where each came from. */
final class ProviderLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderLoader.class);

    private final ClassLoader classLoader;

    ProviderLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /**
     * Every provider of {@code type} that {@link ServiceLoader} finds, in its order.
     *
     * @param name what the log calls each provider by
     * @throws DiscoveryException when a provider is listed but cannot be loaded or instantiated
     */
    <T> List<T> load(Class<T> type, Function<T, String> name) {
        List<T> providers = new ArrayList<>();
        try {
            for (T provider : ServiceLoader.load(type, classLoader)) {
                LOG.info("found {} '{}': {} from {}", type.getSimpleName(), name.apply(provider),
                        provider.getClass().getName(), location(provider.getClass()));
                providers.add(provider);
            }
        } catch (ServiceConfigurationError e) {
            throw new DiscoveryException("cannot load a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        return providers;
    }

    private static String location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? "an unknown location" : source.getLocation().toString();
    }
}
