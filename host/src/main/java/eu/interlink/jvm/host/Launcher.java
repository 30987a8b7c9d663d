package eu.interlink.jvm.host;

import eu.interlink.jvm.api.runtime.PodRuntime;
import eu.interlink.jvm.api.runtime.RuntimeUnavailableException;
import eu.interlink.jvm.api.settings.InvalidSettingException;
import eu.interlink.jvm.host.config.CommandLine;
import eu.interlink.jvm.host.config.ConfigException;
import eu.interlink.jvm.host.config.ConfigLoader;
import eu.interlink.jvm.host.config.HostSettings;
import eu.interlink.jvm.host.config.LoadedConfig;
import eu.interlink.jvm.host.config.UsageException;
import eu.interlink.jvm.host.discovery.DiscoveryException;
import eu.interlink.jvm.host.logging.LogLevels;
import eu.interlink.jvm.host.metrics.PluginMetrics;
import eu.interlink.jvm.host.plugins.PluginFolder;
import eu.interlink.jvm.host.plugins.PluginJarException;
import eu.interlink.jvm.host.plugins.PluginJars;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the plugin from its command line: reads the configuration, sets the log levels, opens the plugin jars, finds
 * the accelerators and the runtime, opens the runtime with the plugin's metrics and starts the host. Every way this
 * can fail ends in a {@link LaunchException} with one line to print.
 */
public final class Launcher {

    private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);

    private final ConfigLoader configLoader;
    private final ClassLoader hostClasses;
    private final Path defaultPluginFolder;
    private final LogLevels logLevels;

    /**
     * @param configLoader        where the configuration comes from
     * @param hostClasses         where runtimes and accelerators are looked for first, and what plugin jars see
     * @param defaultPluginFolder the plugins folder when {@code Host.PluginsFolder} names none; it may be missing
     * @param logLevels           what applies the configured verbosity
     */
    public Launcher(ConfigLoader configLoader, ClassLoader hostClasses, Path defaultPluginFolder, LogLevels logLevels) {
        this.configLoader = configLoader;
        this.hostClasses = hostClasses;
        this.defaultPluginFolder = defaultPluginFolder;
        this.logLevels = logLevels;
    }

    /**
     * Starts the plugin.
     *
     * @param args the command line's arguments
     * @return the running host
     * @throws LaunchException when the plugin cannot start, or the arguments ask for the usage
     */
    public PluginHost launch(String... args) {
        try {
            CommandLine commandLine = CommandLine.parse(args);
            LoadedConfig config = configLoader.load(commandLine.configPath());
            HostSettings settings = HostSettings.from(config.settings(), commandLine);
            logLevels.apply(settings.verbosity());
            LOG.info(config.source().map(file -> "configuration from " + file)
                    .orElse("no configuration file; defaults and environment variables apply"));
            PluginJars plugins = PluginJars.open(PluginFolder.from(config.settings(), defaultPluginFolder),
                    hostClasses);
            try {
                return serve(config, settings, plugins);
            } catch (RuntimeException e) {
                plugins.close();
                throw e;
            }
        } catch (UsageException e) {
            throw new LaunchException(e.helpRequested() ? 0 : 2, e.getMessage(), e);
        } catch (ConfigException | InvalidSettingException e) {
            throw new LaunchException(2, e.getMessage(), e);
        } catch (DiscoveryException | PluginJarException | RuntimeUnavailableException | HostStartException e) {
            throw new LaunchException(1, e.getMessage(), e);
        } catch (RuntimeException e) {
            LOG.error("the plugin failed to start", e);
            throw new LaunchException(1, "the plugin failed to start: " + e, e);
        }
    }

    /** Opens the runtime with the plugin's metrics and serves it. */
    private static PluginHost serve(LoadedConfig config, HostSettings settings, PluginJars plugins) {
        PluginMetrics metrics = PluginMetrics.open();
        PodRuntime runtime;
        try {
            runtime = RuntimeOpener.open(config.settings(), settings.runtime(), plugins, metrics.registry());
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
        return PluginHost.start(settings, runtime, metrics, plugins);
    }
}
