package eu.interlink.jvm.gpu.nvidia;

import static org.assertj.core.api.Assertions.assertThat;

import eu.interlink.jvm.api.accelerator.Accelerator;
import eu.interlink.jvm.api.accelerator.AcceleratorProvider;
import eu.interlink.jvm.api.settings.PluginSettings;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The provider as the host finds it: through ServiceLoader, once at start. */
class NvidiaGpuProviderTest {

    @Test
    void isFoundByServiceLoaderForNvidiaComGpu() {
        List<AcceleratorProvider> providers = ServiceLoader.load(AcceleratorProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();

        assertThat(providers).singleElement().isInstanceOf(NvidiaGpuProvider.class)
                .extracting(AcceleratorProvider::resourceName).isEqualTo("nvidia.com/gpu");
    }

    @Test
    void hidesEveryGpuFromAContainerThatAsksForNoneWhateverItsImageSets() {
        assertThat(new NvidiaGpuProvider().open(PluginSettings.empty()).orElseThrow().hidingEnvironment())
                .isEqualTo(Map.of("NVIDIA_VISIBLE_DEVICES", "void"));
    }

    @Test
    void opensByDefault() {
        assertThat(new NvidiaGpuProvider().open(PluginSettings.empty())).get()
                .extracting(Accelerator::resourceName).isEqualTo("nvidia.com/gpu");
    }

    @Test
    void gpuEnabledZeroDisablesItEvenWithTheJarPresent() {
        assertThat(new NvidiaGpuProvider().open(PluginSettings.of(Map.of(), Map.of("GPUENABLED", "0")))).isEmpty();
    }

    @Test
    void opensWithoutADriverAndThenFindsNothing() {
        PluginSettings settings = PluginSettings.of(Map.of(), Map.of("NVIDIASMIPATH", "/nonexistent/nvidia-smi"));

        assertThat(new NvidiaGpuProvider().open(settings)).get()
                .satisfies(accelerator -> assertThat(accelerator.discover()).isEmpty());
    }
}
