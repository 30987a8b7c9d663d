package eu.interlink.jvm.gpu.nvidia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.interlink.jvm.api.settings.InvalidSettingException;
import eu.interlink.jvm.api.settings.PluginSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Nvidia: section and GPUENABLED. */
class NvidiaSettingsTest {

    @Test
    void runsNvidiaSmiFromThePathForTenSecondsAtMostByDefault() {
        assertThat(NvidiaSettings.from(PluginSettings.empty()))
                .isEqualTo(new NvidiaSettings("nvidia-smi", Duration.ofSeconds(10)));
        assertThat(NvidiaSettings.enabled(PluginSettings.empty())).isTrue();
    }

    @Test
    void takesTheFileSectionAndLetsTheEnvironmentOverrideIt() {
        PluginSettings settings = PluginSettings.of(
                Map.of("Nvidia", Map.of("NvidiaSmiPath", "/usr/bin/nvidia-smi", "NvidiaSmiTimeoutSeconds", 20)),
                Map.of("NVIDIASMITIMEOUTSECONDS", "3"));

        assertThat(NvidiaSettings.from(settings))
                .isEqualTo(new NvidiaSettings("/usr/bin/nvidia-smi", Duration.ofSeconds(3)));
    }

    @Test
    void gpuEnabledKeepsTheGoPluginsMeaning() {
        assertThat(NvidiaSettings.enabled(PluginSettings.of(Map.of(), Map.of("GPUENABLED", "0")))).isFalse();
        assertThat(NvidiaSettings.enabled(PluginSettings.of(Map.of("GPUENABLED", false), Map.of()))).isFalse();
        assertThat(NvidiaSettings.enabled(PluginSettings.of(Map.of(), Map.of("GPUENABLED", "1")))).isTrue();
    }

    @Test
    void refusesARelativePathWithSlashesNamingTheKey() {
        PluginSettings settings = PluginSettings.of(Map.of("Nvidia", Map.of("NvidiaSmiPath", "bin/nvidia-smi")),
                Map.of());

        assertThatThrownBy(() -> NvidiaSettings.from(settings)).isInstanceOf(InvalidSettingException.class)
                .hasMessage("Nvidia.NvidiaSmiPath: expected a command name or an absolute path, got 'bin/nvidia-smi'");
    }

    @Test
    void refusesATimeoutOutOfRangeNamingTheKey() {
        PluginSettings settings = PluginSettings.of(Map.of(), Map.of("NVIDIASMITIMEOUTSECONDS", "0"));

        assertThatThrownBy(() -> NvidiaSettings.from(settings)).isInstanceOf(InvalidSettingException.class)
                .hasMessage("Nvidia.NvidiaSmiTimeoutSeconds: expected an integer from 1 to 300, got '0'");
    }

    @Test
    void refusesAGpuEnabledThatIsNoBooleanNamingTheKey() {
        PluginSettings settings = PluginSettings.of(Map.of(), Map.of("GPUENABLED", "maybe"));

        assertThatThrownBy(() -> NvidiaSettings.enabled(settings)).isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("GPUENABLED: ");
    }
}
