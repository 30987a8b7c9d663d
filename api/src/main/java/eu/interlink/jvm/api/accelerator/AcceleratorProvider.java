package eu.interlink.jvm.api.accelerator;

import eu.interlink.jvm.api.settings.PluginSettings;
import java.util.Optional;

/**
 * Makes an {@link Accelerator} available to runtimes; found with {@link java.util.ServiceLoader}.
 *
 * <p>A vendor ships a jar with an implementation listed in
 * {@code META-INF/services/eu.interlink.jvm.api.accelerator.AcceleratorProvider}; a public no-argument constructor
 * is required and must be cheap and side-effect free. The host calls {@link #open} once at start.
 *
 * <pre>{@code
 * public final class AcmeNpuProvider implements AcceleratorProvider {
 *     public String resourceName() { return "acme.com/npu"; }
 *     public Optional<Accelerator> open(PluginSettings settings) {
 *         return settings.flag("ACMEENABLED", true) ? Optional.of(new AcmeNpu(settings)) : Optional.empty();
 *     }
 * }
 * }</pre>
 */
public interface AcceleratorProvider {

    /**
     * The Kubernetes extended resource this provider serves, such as {@code nvidia.com/gpu}.
     *
     * @return the resource name; never null
     */
    String resourceName();

    /**
     * Opens the accelerator, or answers empty when the operator disabled it. Must not fail because no device or
     * driver is present: that is an accelerator whose {@link Accelerator#discover()} finds nothing.
     *
     * @param settings the plugin's configuration; never null
     * @return the accelerator, or empty when disabled; never null
     * @throws eu.interlink.jvm.api.settings.InvalidSettingException when one of its settings does not fit
     */
    Optional<Accelerator> open(PluginSettings settings);
}
