package eu.interlink.jvm.host.config;

import eu.interlink.jvm.api.settings.PluginSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Finds and reads the Go plugin's YAML configuration file, as the Go plugin does.
 *
 * <p>The file is the one given with {@code -interlinkconfigpath}, else the one named by the environment variable
 * {@code INTERLINKCONFIGPATH}, else {@code /etc/interlink/InterLinkConfig.yaml} when it exists. Without any, every
 * default applies (environment overrides still do). A file that was named explicitly must exist; a file that is
 * read must hold a YAML mapping.
 */
public final class ConfigLoader {

    /** The environment variable that names the configuration file. */
    public static final String PATH_VARIABLE = "INTERLINKCONFIGPATH";

    /** The file read when no other is named and it exists. */
    public static final Path DEFAULT_PATH = Path.of("/etc/interlink/InterLinkConfig.yaml");

    private final Map<String, String> environment;
    private final Path defaultPath;

    /** A loader that takes overrides and the file's name from {@code environment}. */
    public ConfigLoader(Map<String, String> environment) {
        this(environment, DEFAULT_PATH);
    }

    ConfigLoader(Map<String, String> environment, Path defaultPath) {
        this.environment = Map.copyOf(environment);
        this.defaultPath = defaultPath;
    }

    /**
     * Loads the configuration.
     *
     * @param flagPath the path given with {@code -interlinkconfigpath}, if any
     * @throws ConfigException when the named file does not exist or cannot be read, is not YAML, or does not hold
     *                         a mapping at its top level
     */
    public LoadedConfig load(Optional<Path> flagPath) {
        Optional<Path> named = flagPath.or(() -> Optional.ofNullable(environment.get(PATH_VARIABLE))
                .filter(text -> !text.isBlank())
                .map(text -> Path.of(text.trim())));
        Optional<Path> source = named.or(() -> Optional.of(defaultPath).filter(Files::isRegularFile));
        Map<String, Object> values = source.map(ConfigLoader::read).orElse(Map.of());
        return new LoadedConfig(source, PluginSettings.of(values, environment));
    }

    private static Map<String, Object> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file + ": " + FileProblem.describe(e), e);
        }
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new ConfigException(file + ": not valid YAML: " + YamlProblem.describe(e), e);
        }
        if (document == null) {
            return Map.of();
        }
        if (!(document instanceof Map<?, ?> mapping)) {
            throw new ConfigException(file + ": expected a mapping of settings at the top level, found a "
                    + (document instanceof Iterable ? "list" : "single value"), null);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        mapping.forEach((key, value) -> values.put(String.valueOf(key), value));
        return values;
    }
}
