package eu.interlink.jvm.gpu.nvidia;

import eu.interlink.jvm.api.accelerator.Accelerator;
import eu.interlink.jvm.api.accelerator.AcceleratorProvider;
import eu.interlink.jvm.api.settings.PluginSettings;
import java.util.Optional;

/**
 * Offers {@code nvidia.com/gpu} when this jar is on the classpath, unless {@code GPUENABLED} is {@code 0} or
 * {@code false}; see {@link NvidiaSettings} for the keys.
 */
public final class NvidiaGpuProvider implements AcceleratorProvider {

    /** The extended resource pods ask for. */
    public static final String RESOURCE = "nvidia.com/gpu";

    @Override
    public String resourceName() {
        return RESOURCE;
    }

    @Override
    public Optional<Accelerator> open(PluginSettings settings) {
        if (!NvidiaSettings.enabled(settings)) {
            return Optional.empty();
        }
        return Optional.of(NvidiaGpus.onThisHost(NvidiaSettings.from(settings)));
    }
}
