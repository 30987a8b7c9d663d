package eu.interlink.jvm.api.runtime;

import eu.interlink.jvm.api.accelerator.Accelerator;
import eu.interlink.jvm.api.settings.PluginSettings;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link PodRuntimeProvider} gets to build its runtime from.
 *
 * @param settings     the plugin's configuration; never null
 * @param accelerators the accelerators found and enabled, at most one per resource name; never null
 */
public record RuntimeContext(PluginSettings settings, List<Accelerator> accelerators) {

    public RuntimeContext {
        Objects.requireNonNull(settings, "settings");
        accelerators = List.copyOf(accelerators);
    }
}
