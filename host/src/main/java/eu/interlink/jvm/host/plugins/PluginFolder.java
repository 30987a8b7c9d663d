package eu.interlink.jvm.host.plugins;

import eu.interlink.jvm.api.settings.PluginSettings;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Objects;
import java.util.Optional;

/**
 * The folder whose jars extend the plugin without rebuilding it: {@code Host.PluginsFolder} when set, else
 * {@value #DEFAULT_NAME} beside the plugin's jar, where an operator who unpacked the plugin looks for it.
 *
 * @param path     the folder, absolute
 * @param required whether the operator named it, so that it must exist; the default folder may be missing
 */
public record PluginFolder(Path path, boolean required) {

    /** The name of the default folder. */
    public static final String DEFAULT_NAME = "plugins";

    public PluginFolder {
        Objects.requireNonNull(path, "path");
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("not an absolute path: " + path);
        }
    }

    /**
     * The folder {@code Host.PluginsFolder} names (relative to the working directory), else {@code defaultFolder}.
     *
     * @throws eu.interlink.jvm.api.settings.InvalidSettingException when the named folder does not exist
     */
    public static PluginFolder from(PluginSettings settings, Path defaultFolder) {
        PluginSettings host = settings.section("Host");
        Optional<String> named = host.text("PluginsFolder");
        if (named.isEmpty()) {
            return new PluginFolder(defaultFolder.toAbsolutePath(), false);
        }
        Path folder = Path.of(named.get()).toAbsolutePath();
        if (!Files.isDirectory(folder)) {
            throw host.invalid("PluginsFolder", "a folder of plugin jars",
                    folder + (Files.exists(folder) ? " (not a folder)" : " (no such folder)"));
        }
        return new PluginFolder(folder, true);
    }

    /**
     * {@value #DEFAULT_NAME} beside the jar (or classes folder) that {@code type} was loaded from, else in the working
     * directory when its location is unknown.
     */
    public static Path besideJarOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source != null && source.getLocation() != null) {
            try {
                Path location = Path.of(source.getLocation().toURI());
                if (location.getParent() != null) {
                    return location.getParent().resolve(DEFAULT_NAME);
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                // Not a file: the working directory's folder applies.
            }
        }
        return Path.of(DEFAULT_NAME).toAbsolutePath();
    }
}
