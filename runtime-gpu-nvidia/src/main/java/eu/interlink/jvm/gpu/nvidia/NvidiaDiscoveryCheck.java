package eu.interlink.jvm.gpu.nvidia;

import eu.interlink.jvm.api.accelerator.AcceleratorDevice;
import eu.interlink.jvm.api.settings.PluginSettings;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the NVIDIA discovery of this module on this machine, for {@code scripts/gpu-check.sh}: prints each device
 * found, one a line ({@code <id> <model> key=value ...}), and exits 0 when there is at least one, 1 otherwise. The
 * settings come from the environment ({@code NVIDIASMIPATH}, {@code NVIDIASMITIMEOUTSECONDS}); why nothing was found
 * is in the log, on standard error.
 */
public final class NvidiaDiscoveryCheck {

    private NvidiaDiscoveryCheck() {
    }

    /**
     * Discovers and prints.
     *
     * @param args none
     */
    public static void main(String[] args) {
        PluginSettings settings = PluginSettings.of(Map.of(), System.getenv());
        List<AcceleratorDevice> devices = NvidiaGpus.onThisHost(NvidiaSettings.from(settings)).discover();
        for (AcceleratorDevice device : devices) {
            StringBuilder line = new StringBuilder(device.id()).append(' ').append(device.model());
            new TreeMap<>(device.attributes()).forEach((key, value) -> line.append(' ').append(key).append('=')
                    .append(value));
            System.out.println(line);
        }
        System.exit(devices.isEmpty() ? 1 : 0);
    }
}
