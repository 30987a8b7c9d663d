package eu.interlink.jvm.host.cli;

import eu.interlink.jvm.host.config.ConfigLoader;
import eu.interlink.jvm.host.logging.LogLevels;
import java.nio.file.Path;

/**
 * What every command finds the plugin's parts with; tests give their own.
 *
 * @param configLoader        where the configuration comes from
 * @param hostClasses         where runtimes and accelerators are looked for first, and what plugin jars see
 * @param defaultPluginFolder the plugins folder when {@code Host.PluginsFolder} names none; it may be missing
 * @param logLevels           what applies the verbosity
 */
public record HostContext(ConfigLoader configLoader, ClassLoader hostClasses, Path defaultPluginFolder,
        LogLevels logLevels) {
}
