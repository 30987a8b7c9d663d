package eu.interlink.jvm.host.discovery;

import eu.interlink.jvm.api.runtime.PodRuntimeProvider;
import eu.interlink.jvm.api.settings.InvalidSettingException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Chooses the {@link PodRuntimeProvider} to run pods with, among those on the classpath. */
public final class RuntimeDiscovery {

    static final String NO_RUNTIME = "no PodRuntimeProvider on the classpath: start the plugin from the jar built by"
            + " `mvn package` in host/target (interlink-docker-plugin.jar), which has the Docker runtime inside,"
            + " or put a runtime's jar in the plugins folder (Host.PluginsFolder)";

    private final ProviderLoader loader;

    /** Discovery among the providers that {@code classLoader} sees. */
    public RuntimeDiscovery(ClassLoader classLoader) {
        this.loader = new ProviderLoader(classLoader);
    }

    /**
     * The provider named {@code wanted}, or the only one on the classpath when no name is given.
     *
     * @param wanted the name set with {@code Host.PodRuntime}, if any
     * @throws DiscoveryException      when there is no provider, or several and no name to choose by
     * @throws InvalidSettingException when no provider has the name given
     */
    public PodRuntimeProvider select(Optional<String> wanted) {
        List<PodRuntimeProvider> providers = loader.load(PodRuntimeProvider.class, PodRuntimeProvider::name);
        if (providers.isEmpty()) {
            throw new DiscoveryException(NO_RUNTIME);
        }
        String names = providers.stream().map(PodRuntimeProvider::name).collect(Collectors.joining(", "));
        if (wanted.isEmpty()) {
            if (providers.size() > 1) {
                throw new DiscoveryException("several PodRuntimeProviders on the classpath (" + names
                        + "): choose one with Host.PodRuntime in the configuration file or the PODRUNTIME variable");
            }
            return providers.get(0);
        }
        List<PodRuntimeProvider> named = providers.stream()
                .filter(provider -> provider.name().equalsIgnoreCase(wanted.get()))
                .toList();
        if (named.isEmpty()) {
            throw new InvalidSettingException("Host.PodRuntime", "one of " + names, wanted.get());
        }
        if (named.size() > 1) {
            throw new DiscoveryException("several PodRuntimeProviders on the classpath are named '" + wanted.get()
                    + "': " + named.stream().map(p -> p.getClass().getName()).collect(Collectors.joining(", ")));
        }
        return named.get(0);
    }
}
