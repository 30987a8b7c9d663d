package eu.interlink.jvm.host.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.interlink.jvm.api.accelerator.Accelerator;
import eu.interlink.jvm.api.accelerator.AcceleratorProvider;
import eu.interlink.jvm.api.settings.PluginSettings;
import eu.interlink.jvm.host.testing.ServiceClassLoader;
import eu.interlink.jvm.host.testing.TestProviders;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening the accelerators whose providers are on the classpath. */
class AcceleratorDiscoveryTest {

    @TempDir
    Path directory;

    @Test
    void finds_none_without_providers() {
        assertThat(discovery().open(PluginSettings.empty())).isEmpty();
    }

    @Test
    void keeps_the_accelerators_that_are_enabled() {
        AcceleratorDiscovery discovery = discovery(TestProviders.Gpu.class, TestProviders.DisabledNpu.class);

        assertThat(discovery.open(PluginSettings.empty())).extracting(Accelerator::resourceName)
                .containsExactly("example.com/gpu");
    }

    @Test
    void opens_each_provider_with_the_settings() {
        AcceleratorDiscovery discovery = discovery(TestProviders.Gpu.class);

        assertThat(discovery.open(PluginSettings.of(Map.of("GPUENABLED", false), Map.of()))).isEmpty();
    }

    @Test
    void refuses_two_providers_of_one_resource() {
        AcceleratorDiscovery discovery = discovery(TestProviders.Gpu.class, TestProviders.SecondGpu.class);

        assertThatThrownBy(() -> discovery.open(PluginSettings.empty()))
                .isInstanceOf(DiscoveryException.class)
                .hasMessage("two AcceleratorProviders serve example.com/gpu: " + TestProviders.Gpu.class.getName()
                        + " and " + TestProviders.SecondGpu.class.getName()
                        + "; remove one of their jars from the classpath or the plugins folder");
    }

    private AcceleratorDiscovery discovery(Class<?>... providers) {
        return new AcceleratorDiscovery(ServiceClassLoader.listing(directory, AcceleratorProvider.class, providers));
    }
}
