package eu.interlink.jvm.host.config;

import eu.interlink.jvm.api.settings.PluginSettings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The plugin's configuration and where it came from.
 *
 * @param source   the file read, or empty when none was and every default applies
 * @param settings the file's settings with the environment's overrides; never null
 */
public record LoadedConfig(Optional<Path> source, PluginSettings settings) {

    public LoadedConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(settings, "settings");
    }
}
