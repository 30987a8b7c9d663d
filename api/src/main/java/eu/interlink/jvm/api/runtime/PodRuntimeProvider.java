package eu.interlink.jvm.api.runtime;

import eu.interlink.jvm.api.settings.PluginSettings;
import java.util.List;

/**
 * Builds a {@link PodRuntime} from the plugin's configuration; found with {@link java.util.ServiceLoader}.
 *
 * <p>An implementation lists itself in {@code META-INF/services/eu.interlink.jvm.api.runtime.PodRuntimeProvider}
 * and has a public no-argument constructor. Its constructor must be cheap and side-effect free: hosts instantiate
 * every provider on the classpath to choose one.
 *
 * <pre>{@code
 * public final class MyProvider implements PodRuntimeProvider {
 *     public String name() { return "my-backend"; }
 *     public PodRuntime open(RuntimeContext context) {
 *         return new MyRuntime(context.settings().section("MyBackend"), context.accelerators());
 *     }
 * }
 * }</pre>
 */
public interface PodRuntimeProvider {

    /**
     * A short, stable, lower-case name that operators can choose the runtime by, such as {@code docker}.
     *
     * @return the name; never null
     */
    String name();

    /**
     * Opens a runtime. It may connect to its backend and check it, within a bounded time; long work (building
     * sandboxes, re-adopting pods) continues in the background, owned by the returned runtime.
     *
     * @param context the configuration and the accelerators found; never null
     * @return a runtime ready to take calls; never null
     * @throws eu.interlink.jvm.api.settings.InvalidSettingException when a setting does not fit
     * @throws RuntimeUnavailableException                            when the backend cannot be used at all
     */
    PodRuntime open(RuntimeContext context);

    /**
     * Checks, without serving anything, whether a runtime opened with these settings could run pods here: for
     * {@code doctor}. It may call its backend, within bounded time, and must leave nothing behind. Optional; the
     * default checks nothing.
     *
     * @param settings the plugin's configuration; never null
     * @return one diagnosis per check, in the order they ran; never null
     */
    default List<Diagnosis> diagnose(PluginSettings settings) {
        return List.of();
    }
}
