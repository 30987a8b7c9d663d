package eu.interlink.jvm.api.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginSettingsTest {

    private enum Mode { AUTO, PRIVILEGED, CAPABILITIES }

    private static final Map<String, Object> GO_PLUGIN_FILE = Map.of(
            "SidecarPort", 4000,
            "DataRootFolder", ".local/interlink/",
            "VerboseLogging", true,
            "Docker", Map.of("DindImage", "docker:26-dind", "PreloadImages", List.of("busybox", "alpine:3")));

    @Test
    void readsTheGoPluginKeysFromTheFile() {
        PluginSettings settings = PluginSettings.of(GO_PLUGIN_FILE, Map.of());

        assertThat(settings.integer("SidecarPort", 1, 0, 65535)).isEqualTo(4000);
        assertThat(settings.text("DataRootFolder")).contains(".local/interlink/");
        assertThat(settings.flag("VerboseLogging", false)).isTrue();
        assertThat(settings.flag("ErrorsOnlyLogging", false)).isFalse();
    }

    @Test
    void anOverridingValueWinsOverTheFileAndTheEnvironmentAndLeavesTheOriginalAlone() {
        PluginSettings settings = PluginSettings.of(GO_PLUGIN_FILE, Map.of("AVAILABLEDINDS", "5", "SIDECARPORT", "4100"));

        PluginSettings fixed = settings.overriding("AVAILABLEDINDS", 0).overriding("DataRootFolder", "/tmp/run");

        assertThat(fixed.integer("AVAILABLEDINDS", 2, 0, 64)).isZero();
        assertThat(fixed.text("DataRootFolder")).contains("/tmp/run");
        assertThat(fixed.integer("SidecarPort", 1, 0, 65535)).isEqualTo(4100);
        assertThat(fixed.section("Docker").text("DindImage", "docker:dind")).isEqualTo("docker:26-dind");
        assertThat(settings.integer("AVAILABLEDINDS", 2, 0, 64)).isEqualTo(5);
    }

    @Test
    void letsTheUpperCaseEnvironmentVariableOverrideAKey() {
        PluginSettings settings = PluginSettings.of(GO_PLUGIN_FILE,
                Map.of("SIDECARPORT", "4100", "DINDIMAGE", "local/dind:1", "AVAILABLEDINDS", "5"));

        assertThat(settings.integer("SidecarPort", 1, 0, 65535)).isEqualTo(4100);
        assertThat(settings.section("Docker").text("DindImage", "docker:dind")).isEqualTo("local/dind:1");
        assertThat(settings.integer("AVAILABLEDINDS", 2, 0, 64)).isEqualTo(5);
    }

    @Test
    void treatsABlankOverrideOrValueAsUnset() {
        PluginSettings settings = PluginSettings.of(Map.of("Socket", "  "), Map.of("SIDECARPORT", " "));

        assertThat(settings.text("Socket")).isEmpty();
        assertThat(settings.integer("SidecarPort", 4000, 0, 65535)).isEqualTo(4000);
    }

    @Test
    void readsSectionsAndTheirDefaults() {
        PluginSettings docker = PluginSettings.of(GO_PLUGIN_FILE, Map.of()).section("Docker");

        assertThat(docker.text("DindImage", "docker:dind")).isEqualTo("docker:26-dind");
        assertThat(docker.list("PreloadImages")).containsExactly("busybox", "alpine:3");
        assertThat(PluginSettings.empty().section("Docker").text("DindImage", "docker:dind")).isEqualTo("docker:dind");
    }

    @Test
    void readsAListFromACommaSeparatedOverride() {
        PluginSettings docker = PluginSettings.of(GO_PLUGIN_FILE, Map.of("PRELOADIMAGES", "a:1, b ,,c")).section("Docker");

        assertThat(docker.list("PreloadImages")).containsExactly("a:1", "b", "c");
    }

    @Test
    void understandsTheGoPluginsFlagSpellings() {
        PluginSettings settings = PluginSettings.of(Map.of(), Map.of("GPUENABLED", "0", "VERBOSELOGGING", "1"));

        assertThat(settings.flag("GPUENABLED", true)).isFalse();
        assertThat(settings.flag("VerboseLogging", false)).isTrue();
    }

    @Test
    void matchesChoicesWithoutRegardToCase() {
        PluginSettings settings = PluginSettings.of(Map.of("DindSecurity", "Capabilities"), Map.of());

        assertThat(settings.choice("DindSecurity", Mode.class, Mode.AUTO)).isEqualTo(Mode.CAPABILITIES);
        assertThat(PluginSettings.empty().choice("DindSecurity", Mode.class, Mode.AUTO)).isEqualTo(Mode.AUTO);
    }

    @Test
    void namesTheKeyTheExpectedFormAndTheValueWhenAValueDoesNotFit() {
        PluginSettings settings = PluginSettings.of(
                Map.of("SidecarPort", "abc", "AVAILABLEDINDS", 500, "GPUENABLED", "maybe",
                        "Docker", Map.of("DindSecurity", "rootless")),
                Map.of());

        assertThatThrownBy(() -> settings.integer("SidecarPort", 4000, 0, 65535))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("SidecarPort: expected an integer from 0 to 65535, got 'abc'");
        assertThatThrownBy(() -> settings.integer("AVAILABLEDINDS", 2, 0, 64))
                .hasMessage("AVAILABLEDINDS: expected an integer from 0 to 64, got '500'");
        assertThatThrownBy(() -> settings.flag("GPUENABLED", true))
                .hasMessage("GPUENABLED: expected true or false (or 1 or 0), got 'maybe'");
        assertThatThrownBy(() -> settings.section("Docker").choice("DindSecurity", Mode.class, Mode.AUTO))
                .hasMessage("Docker.DindSecurity: expected one of auto, privileged, capabilities, got 'rootless'")
                .extracting(e -> ((InvalidSettingException) e).key()).isEqualTo("Docker.DindSecurity");
    }

    @Test
    void refusesAStructureWhereAValueBelongsAndTheOtherWayRound() {
        PluginSettings settings = PluginSettings.of(
                Map.of("SidecarPort", List.of(1, 2), "Docker", "docker:dind", "PreloadImages", Map.of("a", 1)),
                Map.of());

        assertThatThrownBy(() -> settings.text("SidecarPort")).hasMessage("SidecarPort: expected a single value, got '[1, 2]'");
        assertThatThrownBy(() -> settings.section("Docker")).hasMessage("Docker: expected a mapping of settings, got 'docker:dind'");
        assertThatThrownBy(() -> settings.list("PreloadImages")).hasMessage("PreloadImages: expected a list, got '{a=1}'");
    }

    @Test
    void ignoresNullValuesAsTheYamlParserGivesThemForEmptyKeys() {
        HashMap<String, Object> file = new HashMap<>();
        file.put("Socket", null);

        assertThat(PluginSettings.of(file, Map.of()).text("Socket")).isEmpty();
    }
}
