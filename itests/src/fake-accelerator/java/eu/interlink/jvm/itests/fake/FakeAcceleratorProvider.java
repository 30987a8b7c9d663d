package eu.interlink.jvm.itests.fake;

import eu.interlink.jvm.api.accelerator.Accelerator;
import eu.interlink.jvm.api.accelerator.AcceleratorProvider;
import eu.interlink.jvm.api.settings.PluginSettings;
import java.util.Optional;

/**
 * Offers {@code example.com/fake-accel}: the smallest complete accelerator plugin, and the example to copy.
 *
 * <p>Three things make a vendor's jar an accelerator of the plugin: this class, the {@link FakeAccelerator} it
 * opens, and the file {@code META-INF/services/eu.interlink.jvm.api.accelerator.AcceleratorProvider} that names this
 * class, so that {@link java.util.ServiceLoader} finds it once the jar is on the plugin's classpath:
 *
 * <pre>
 * java -cp interlink-docker-plugin.jar:fake-accelerator.jar eu.interlink.jvm.host.Main
 * </pre>
 *
 * <p>The host creates the provider with the public no-argument constructor (which must do nothing costly), and calls
 * {@link #open} once at start. The operator turns it off with {@code FAKEACCELENABLED: false} in the config file or
 * {@code FAKEACCELENABLED=0} in the environment, as {@code GPUENABLED=0} turns off NVIDIA's.
 */
public final class FakeAcceleratorProvider implements AcceleratorProvider {

    /** The extended resource pods ask for in {@code resources.limits}. */
    public static final String RESOURCE = "example.com/fake-accel";

    @Override
    public String resourceName() {
        return RESOURCE;
    }

    @Override
    public Optional<Accelerator> open(PluginSettings settings) {
        return settings.flag("FAKEACCELENABLED", true) ? Optional.of(new FakeAccelerator()) : Optional.empty();
    }
}
