package eu.interlink.jvm.gpu.nvidia;

import eu.interlink.jvm.api.settings.PluginSettings;
import java.time.Duration;

/**
 * The NVIDIA accelerator's settings, in the {@code Nvidia:} section. Each key's environment override is its name in
 * upper case.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>environment</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code GPUENABLED}</td><td>{@code GPUENABLED}</td><td>{@code true}</td>
 *       <td>the Go plugin's switch: {@code 0} or {@code false} turns the accelerator off, even with its jar
 *       present</td></tr>
 *   <tr><td>{@code Nvidia.NvidiaSmiPath}</td><td>{@code NVIDIASMIPATH}</td><td>{@code nvidia-smi}</td>
 *       <td>the {@code nvidia-smi} to run: a command name looked up on {@code PATH}, or an absolute path</td></tr>
 *   <tr><td>{@code Nvidia.NvidiaSmiTimeoutSeconds}</td><td>{@code NVIDIASMITIMEOUTSECONDS}</td><td>10</td>
 *       <td>how long one {@code nvidia-smi} run may take, from 1 to 300; a run that takes longer is killed and
 *       reports no device</td></tr>
 * </table>
 *
 * @param smiPath    see {@code Nvidia.NvidiaSmiPath}
 * @param smiTimeout see {@code Nvidia.NvidiaSmiTimeoutSeconds}
 */
public record NvidiaSettings(String smiPath, Duration smiTimeout) {

    static final String SECTION = "Nvidia";
    static final String ENABLED = "GPUENABLED";
    static final String SMI_PATH = "NvidiaSmiPath";
    static final String SMI_TIMEOUT = "NvidiaSmiTimeoutSeconds";

    /**
     * Whether the operator left the accelerator on ({@code GPUENABLED}, top level, as in the Go plugin).
     *
     * @throws eu.interlink.jvm.api.settings.InvalidSettingException when the value is no boolean
     */
    public static boolean enabled(PluginSettings settings) {
        return settings.flag(ENABLED, true);
    }

    /**
     * Reads the {@code Nvidia:} section.
     *
     * @throws eu.interlink.jvm.api.settings.InvalidSettingException naming the key of a value that does not fit
     */
    public static NvidiaSettings from(PluginSettings settings) {
        PluginSettings nvidia = settings.section(SECTION);
        String path = nvidia.text(SMI_PATH, "nvidia-smi");
        boolean commandName = !path.contains("/");
        if (!(commandName || path.startsWith("/")) || path.indexOf('\0') >= 0) {
            throw nvidia.invalid(SMI_PATH, "a command name or an absolute path", path);
        }
        int seconds = nvidia.integer(SMI_TIMEOUT, 10, 1, 300);
        return new NvidiaSettings(path, Duration.ofSeconds(seconds));
    }
}
