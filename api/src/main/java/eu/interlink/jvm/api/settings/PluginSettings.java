package eu.interlink.jvm.api.settings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Typed, read-only access to the plugin's configuration: the Go plugin's YAML file, with environment overrides.
 *
 * <p>A key's environment override is its name in upper case ({@code SidecarPort} ← {@code SIDECARPORT},
 * {@code DindImage} ← {@code DINDIMAGE}), in a section or not. An override wins over the file, and a blank
 * override counts as unset. A value that does not fit what the caller asks for throws
 * {@link InvalidSettingException} naming the key and the expected form, so a bad setting stops the start with one
 * clear line. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * PluginSettings docker = settings.section("Docker");
 * String image = docker.text("DindImage", "docker:dind");
 * int pool = settings.integer("AVAILABLEDINDS", 2, 0, 64);
 * }</pre>
 */
public final class PluginSettings {

    private final String path;
    private final Map<String, ?> values;
    private final Map<String, String> environment;

    private PluginSettings(String path, Map<String, ?> values, Map<String, String> environment) {
        this.path = path;
        this.values = Map.copyOf(values);
        this.environment = Map.copyOf(environment);
    }

    /**
     * Settings read from a parsed YAML document.
     *
     * @param values      the document's top-level mapping (nested mappings are sections); null values are unset
     * @param environment the environment to take overrides from, usually {@link System#getenv()}
     */
    public static PluginSettings of(Map<String, ?> values, Map<String, String> environment) {
        return new PluginSettings("", withoutNulls(values), environment);
    }

    /** No file, no environment: every read answers its default. */
    public static PluginSettings empty() {
        return of(Map.of(), Map.of());
    }

    /**
     * The named section, such as {@code Docker}; an absent section reads as empty (every default applies).
     *
     * @throws InvalidSettingException when the key holds something other than a mapping
     */
    public PluginSettings section(String name) {
        Object value = values.get(name);
        if (value == null) {
            return new PluginSettings(qualified(name), Map.of(), environment);
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw invalid(name, "a mapping of settings", value);
        }
        HashMap<String, Object> section = new HashMap<>();
        map.forEach((k, v) -> section.put(String.valueOf(k), v));
        return new PluginSettings(qualified(name), withoutNulls(section), environment);
    }

    /** The text of a key, from its environment override or the file; empty when unset or blank. */
    public Optional<String> text(String key) {
        String override = environment.get(key.toUpperCase(Locale.ROOT));
        if (override != null && !override.isBlank()) {
            return Optional.of(override.trim());
        }
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map || value instanceof Collection) {
            throw invalid(key, "a single value", value);
        }
        String text = String.valueOf(value).trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** The text of a key, or {@code defaultValue} when unset. */
    public String text(String key, String defaultValue) {
        return text(key).orElse(defaultValue);
    }

    /**
     * An integer in {@code [min, max]}, or {@code defaultValue} when unset.
     *
     * @throws InvalidSettingException when the value is not such an integer
     */
    public int integer(String key, int defaultValue, int min, int max) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        String expected = "an integer from " + min + " to " + max;
        try {
            int value = Integer.parseInt(text.get());
            if (value < min || value > max) {
                throw invalid(key, expected, text.get());
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(key, expected, text.get());
        }
    }

    /**
     * A boolean, or {@code defaultValue} when unset; {@code true}/{@code false}, {@code 1}/{@code 0} and
     * {@code yes}/{@code no} are understood, as the Go plugin's environment flags use {@code 1} and {@code 0}.
     *
     * @throws InvalidSettingException for any other value
     */
    public boolean flag(String key, boolean defaultValue) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        return switch (text.get().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw invalid(key, "true or false (or 1 or 0)", text.get());
        };
    }

    /**
     * One of an enum's constants, matched without regard to case, or {@code defaultValue} when unset.
     *
     * @throws InvalidSettingException when the value names no constant
     */
    public <E extends Enum<E>> E choice(String key, Class<E> type, E defaultValue) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            String name = constant.name().toLowerCase(Locale.ROOT);
            if (name.equals(text.get().toLowerCase(Locale.ROOT))) {
                return constant;
            }
            names.add(name);
        }
        throw invalid(key, "one of " + String.join(", ", names), text.get());
    }

    /**
     * A list of texts: a YAML sequence, or a comma-separated environment override; empty when unset.
     *
     * @throws InvalidSettingException when the file holds a mapping instead
     */
    public List<String> list(String key) {
        String override = environment.get(key.toUpperCase(Locale.ROOT));
        if (override != null && !override.isBlank()) {
            return splitCommas(override);
        }
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof Collection<?> items) {
            return items.stream().filter(Objects::nonNull).map(item -> String.valueOf(item).trim())
                    .filter(item -> !item.isEmpty()).toList();
        }
        if (value instanceof Map) {
            throw invalid(key, "a list", value);
        }
        return splitCommas(String.valueOf(value));
    }

    /**
     * These settings with {@code key} set to {@code value}, whatever the file or the environment say; for a program
     * that must fix a setting, such as a command line that runs one pod without a pool.
     *
     * @param key   a key of this section, such as {@code AVAILABLEDINDS}
     * @param value its value, as YAML would give it (a text, a number, a boolean)
     */
    public PluginSettings overriding(String key, Object value) {
        Map<String, Object> newValues = new HashMap<>(values);
        newValues.put(key, value);
        Map<String, String> newEnvironment = new HashMap<>(environment);
        newEnvironment.remove(key.toUpperCase(Locale.ROOT));
        return new PluginSettings(path, newValues, newEnvironment);
    }

    /** Builds the error for a value of this section that does not fit, for checks the typed readers cannot make. */
    public InvalidSettingException invalid(String key, String expected, Object actual) {
        return new InvalidSettingException(qualified(key), expected, String.valueOf(actual));
    }

    private String qualified(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static List<String> splitCommas(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    private static Map<String, Object> withoutNulls(Map<String, ?> values) {
        HashMap<String, Object> copy = new HashMap<>();
        values.forEach((key, value) -> {
            if (key != null && value != null) {
                copy.put(key, value);
            }
        });
        return copy;
    }
}
