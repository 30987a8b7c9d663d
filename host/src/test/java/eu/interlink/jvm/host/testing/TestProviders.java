package eu.interlink.jvm.host.testing;

import eu.interlink.jvm.api.accelerator.Accelerator;
import eu.interlink.jvm.api.accelerator.AcceleratorDevice;
import eu.interlink.jvm.api.accelerator.AcceleratorProvider;
import eu.interlink.jvm.api.accelerator.DeviceExposure;
import eu.interlink.jvm.api.runtime.PodRuntime;
import eu.interlink.jvm.api.runtime.PodRuntimeProvider;
import eu.interlink.jvm.api.runtime.Readiness;
import eu.interlink.jvm.api.runtime.RuntimeContext;
import eu.interlink.jvm.api.runtime.RuntimeUnavailableException;
import eu.interlink.jvm.api.settings.PluginSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Providers for {@link java.util.ServiceLoader} to find, listed by {@link ServiceClassLoader}. */
public final class TestProviders {

    private TestProviders() {
    }

    /**
     * A runtime named {@code fake}; its readiness detail tells what it was opened with: the accelerators and the
     * setting {@code Greeting}.
     */
    public static final class FakeRuntime implements PodRuntimeProvider {

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public PodRuntime open(RuntimeContext context) {
            TestRuntime runtime = new TestRuntime();
            runtime.readiness = new Readiness(true, context.settings().text("Greeting", "-") + " with "
                    + context.accelerators().stream().map(Accelerator::resourceName).collect(Collectors.joining(",")));
            return runtime;
        }
    }

    /** A second runtime, named {@code other}. */
    public static final class OtherRuntime implements PodRuntimeProvider {

        @Override
        public String name() {
            return "other";
        }

        @Override
        public PodRuntime open(RuntimeContext context) {
            return new TestRuntime();
        }
    }

    /** A runtime whose backend cannot be reached. */
    public static final class UnreachableRuntime implements PodRuntimeProvider {

        @Override
        public String name() {
            return "unreachable";
        }

        @Override
        public PodRuntime open(RuntimeContext context) {
            throw new RuntimeUnavailableException("cannot reach Docker at unix:///var/run/docker.sock: connection refused",
                    null);
        }
    }

    /** A provider that cannot even be instantiated. */
    public static final class BrokenRuntime implements PodRuntimeProvider {

        public BrokenRuntime() {
            throw new IllegalStateException("broken on purpose");
        }

        @Override
        public String name() {
            return "broken";
        }

        @Override
        public PodRuntime open(RuntimeContext context) {
            throw new UnsupportedOperationException();
        }
    }

    /** GPUs, enabled unless {@code GPUENABLED} is false. */
    public static final class Gpu implements AcceleratorProvider {

        @Override
        public String resourceName() {
            return "example.com/gpu";
        }

        @Override
        public Optional<Accelerator> open(PluginSettings settings) {
            return settings.flag("GPUENABLED", true) ? Optional.of(new NoDevices(resourceName())) : Optional.empty();
        }
    }

    /** Another provider of the same GPUs. */
    public static final class SecondGpu implements AcceleratorProvider {

        @Override
        public String resourceName() {
            return "example.com/gpu";
        }

        @Override
        public Optional<Accelerator> open(PluginSettings settings) {
            return Optional.of(new NoDevices(resourceName()));
        }
    }

    /** NPUs, always disabled. */
    public static final class DisabledNpu implements AcceleratorProvider {

        @Override
        public String resourceName() {
            return "example.com/npu";
        }

        @Override
        public Optional<Accelerator> open(PluginSettings settings) {
            return Optional.empty();
        }
    }

    private record NoDevices(String resourceName) implements Accelerator {

        @Override
        public List<AcceleratorDevice> discover() {
            return List.of();
        }

        @Override
        public DeviceExposure expose(List<AcceleratorDevice> devices) {
            return new DeviceExposure(List.of(), List.of(), Map.of(), List.of());
        }
    }
}
