package eu.interlink.jvm.host.doctor;

import eu.interlink.jvm.api.accelerator.Accelerator;
import eu.interlink.jvm.api.accelerator.AcceleratorDevice;
import eu.interlink.jvm.api.runtime.Diagnosis;
import eu.interlink.jvm.api.runtime.PodRuntimeProvider;
import eu.interlink.jvm.api.settings.InvalidSettingException;
import eu.interlink.jvm.host.config.CommandLine;
import eu.interlink.jvm.host.config.ConfigException;
import eu.interlink.jvm.host.config.ConfigLoader;
import eu.interlink.jvm.host.config.HostSettings;
import eu.interlink.jvm.host.config.LoadedConfig;
import eu.interlink.jvm.host.discovery.AcceleratorDiscovery;
import eu.interlink.jvm.host.discovery.DiscoveryException;
import eu.interlink.jvm.host.discovery.RuntimeDiscovery;
import eu.interlink.jvm.host.plugins.PluginFolder;
import eu.interlink.jvm.host.plugins.PluginJarException;
import eu.interlink.jvm.host.plugins.PluginJars;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks a plugin's setup without serving: the configuration, the plugins folder, the accelerators and their
 * devices, the runtime's own checks ({@link PodRuntimeProvider#diagnose}) and the listener. Finds the providers as a
 * start does, so that it judges what a start would use.
 */
public final class Doctor {

    private static final String CONFIGURATION = "Configuration";
    private static final String PLUGINS = "Plugins folder";
    private static final String ACCELERATORS = "Accelerators";
    private static final String RUNTIME = "Runtime";

    private final ConfigLoader configLoader;
    private final ClassLoader hostClasses;
    private final Path defaultPluginFolder;

    /**
     * @param configLoader        where the configuration comes from
     * @param hostClasses         where runtimes and accelerators are looked for first
     * @param defaultPluginFolder the plugins folder when {@code Host.PluginsFolder} names none
     */
    public Doctor(ConfigLoader configLoader, ClassLoader hostClasses, Path defaultPluginFolder) {
        this.configLoader = configLoader;
        this.hostClasses = hostClasses;
        this.defaultPluginFolder = defaultPluginFolder;
    }

    /**
     * Runs every check; a configuration that cannot be read stops the rest.
     *
     * @param commandLine the Go flags given, of which the configuration path counts
     * @return one diagnosis per check, in order
     */
    public List<Diagnosis> examine(CommandLine commandLine) {
        LoadedConfig config;
        HostSettings settings;
        PluginFolder folder;
        try {
            config = configLoader.load(commandLine.configPath());
            settings = HostSettings.from(config.settings(), commandLine);
            folder = PluginFolder.from(config.settings(), defaultPluginFolder);
        } catch (ConfigException | InvalidSettingException e) {
            return List.of(Diagnosis.fail(CONFIGURATION, e.getMessage(), "correct the file, or point"
                    + " -interlinkconfigpath or " + ConfigLoader.PATH_VARIABLE + " at a valid one"));
        }
        List<Diagnosis> results = new ArrayList<>();
        results.add(config.source()
                .map(file -> Diagnosis.ok(CONFIGURATION, file + " is valid"))
                .orElseGet(() -> Diagnosis.warn(CONFIGURATION, "no configuration file; defaults and environment"
                        + " variables apply", "write " + ConfigLoader.DEFAULT_PATH + ", or name one with"
                        + " -interlinkconfigpath or " + ConfigLoader.PATH_VARIABLE)));
        try (PluginJars plugins = PluginJars.open(folder, hostClasses)) {
            results.add(Diagnosis.ok(PLUGINS, plugins.jars().isEmpty() ? "no plugin jars in " + folder.path()
                    : plugins.jars().size() + " plugin jars in " + folder.path()));
            results.addAll(accelerators(plugins, config));
            results.addAll(runtime(plugins, settings, config));
        } catch (PluginJarException e) {
            results.add(Diagnosis.fail(PLUGINS, e.getMessage(),
                    "remove or replace the jar, or set Host.PluginsFolder to another folder"));
        }
        results.add(ListenerCheck.check(settings.listen()));
        return results;
    }

    private static List<Diagnosis> accelerators(PluginJars plugins, LoadedConfig config) {
        List<Accelerator> accelerators;
        try {
            accelerators = new AcceleratorDiscovery(plugins.classLoader()).open(config.settings());
        } catch (DiscoveryException | InvalidSettingException e) {
            return List.of(Diagnosis.fail(ACCELERATORS, e.getMessage(),
                    "correct the setting, or remove the provider's jar"));
        }
        if (accelerators.isEmpty()) {
            return List.of(Diagnosis.ok(ACCELERATORS, "none found; pods that ask for none run as usual"));
        }
        return accelerators.stream().map(Doctor::devices).toList();
    }

    private static Diagnosis devices(Accelerator accelerator) {
        String name = ACCELERATORS + " " + accelerator.resourceName();
        List<AcceleratorDevice> devices = accelerator.discover();
        if (devices.isEmpty()) {
            return Diagnosis.warn(name, "no devices found", "install the device's driver, or leave the provider's"
                    + " jar out if this host has none");
        }
        return Diagnosis.ok(name, devices.size() + " devices: " + devices.stream()
                .map(device -> device.id() + " (" + device.model() + ")").collect(Collectors.joining(", ")));
    }

    private static List<Diagnosis> runtime(PluginJars plugins, HostSettings settings, LoadedConfig config) {
        PodRuntimeProvider provider;
        try {
            provider = new RuntimeDiscovery(plugins.classLoader()).select(settings.runtime());
        } catch (DiscoveryException e) {
            return List.of(Diagnosis.fail(RUNTIME, e.getMessage(),
                    "put the runtime's jar in the plugins folder, or set Host.PodRuntime to one found"));
        }
        List<Diagnosis> results = new ArrayList<>();
        results.add(Diagnosis.ok(RUNTIME, provider.name() + " (" + provider.getClass().getName() + ")"));
        try {
            results.addAll(provider.diagnose(config.settings()));
        } catch (InvalidSettingException e) {
            results.add(Diagnosis.fail(RUNTIME, e.getMessage(), "correct the setting"));
        }
        return results;
    }
}
