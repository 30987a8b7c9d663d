package eu.interlink.jvm.itests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import eu.interlink.jvm.api.settings.PluginSettings;
import eu.interlink.jvm.docker.DockerSettings;
import eu.interlink.jvm.gpu.nvidia.NvidiaSettings;
import eu.interlink.jvm.host.config.CommandLine;
import eu.interlink.jvm.host.config.ConfigLoader;
import eu.interlink.jvm.host.config.HostSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The commented example configuration, {@code packaging/InterLinkConfig.example.yaml}, is a file the plugin accepts
 * as it is, and names every key of the README's Configuration table with its environment variable, so that the two
 * cannot drift apart.
 */
class ExampleConfigTest {

    private static final Path EXAMPLE = Path.of("../packaging/InterLinkConfig.example.yaml");
    private static final Path README = Path.of("../README.md");
    // A row of the README's table: | `Section.Key` | `ENVIRONMENT` (comma-separated) | default | meaning |
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([A-Za-z.]+)` \\| `([A-Z]+)`", Pattern.MULTILINE);
    // A setting that is off by default, written as a comment: `# Key: value`, indented as its section's keys.
    private static final Pattern COMMENTED_SETTING = Pattern.compile("^(\\s*)# (\\w+): ", Pattern.MULTILINE);

    @Test
    void theHostTheDockerRuntimeAndTheNvidiaModuleAcceptTheExampleAsItIs() {
        PluginSettings settings = new ConfigLoader(Map.of()).load(Optional.of(EXAMPLE)).settings();

        assertThatCode(() -> HostSettings.from(settings, CommandLine.NONE)).doesNotThrowAnyException();
        assertThatCode(() -> DockerSettings.from(settings)).doesNotThrowAnyException();
        assertThatCode(() -> NvidiaSettings.from(settings)).doesNotThrowAnyException();
        assertThat(NvidiaSettings.enabled(settings)).isTrue();
    }

    @Test
    void theExampleSetsOrShowsInItsSectionEveryKeyOfTheReadmesTableWithItsEnvironmentVariable() throws IOException {
        Map<String, String> readmeKeys = readmeKeys();
        String example = Files.readString(EXAMPLE, UTF_8);

        assertThat(readmeKeys).hasSizeGreaterThan(30);
        assertThat(keysOf(withCommentedSettingsOn(example, readmeKeys.keySet()))).containsAll(readmeKeys.keySet());
        assertThat(readmeKeys.values()).allSatisfy(variable -> assertThat(example).contains(variable));
    }

    /** The README's Configuration table: each key with its environment variable. */
    private static Map<String, String> readmeKeys() throws IOException {
        String readme = Files.readString(README, UTF_8);
        int start = readme.indexOf("\n## Configuration\n");
        int end = readme.indexOf("\n## ", start + 1);
        assertThat(start).as("the README's Configuration section").isNotNegative();
        Matcher row = TABLE_ROW.matcher(readme.substring(start, end));
        Map<String, String> keys = new LinkedHashMap<>();
        while (row.find()) {
            keys.put(row.group(1), row.group(2));
        }
        return keys;
    }

    /** The example with the `# ` taken off the settings it shows as comments (and only those). */
    private static String withCommentedSettingsOn(String example, Set<String> keys) {
        Set<String> names = new LinkedHashSet<>();
        keys.forEach(key -> names.add(key.substring(key.lastIndexOf('.') + 1)));
        return COMMENTED_SETTING.matcher(example).replaceAll(setting -> names.contains(setting.group(2))
                ? Matcher.quoteReplacement(setting.group(1) + setting.group(2) + ": ")
                : Matcher.quoteReplacement(setting.group()));
    }

    /** Every key of a YAML mapping, a section's keys as {@code Section.Key}. */
    private static Set<String> keysOf(String yaml) {
        Map<String, Object> document = new Yaml().load(yaml);
        Set<String> keys = new LinkedHashSet<>();
        document.forEach((key, value) -> {
            if (value instanceof Map<?, ?> section) {
                section.keySet().forEach(inner -> keys.add(key + "." + inner));
            } else {
                keys.add(key);
            }
        });
        return keys;
    }
}
