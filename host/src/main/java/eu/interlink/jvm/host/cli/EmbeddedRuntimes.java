package eu.interlink.jvm.host.cli;

import eu.interlink.jvm.api.runtime.PodRuntime;
import eu.interlink.jvm.api.settings.PluginSettings;
import eu.interlink.jvm.host.RuntimeOpener;
import eu.interlink.jvm.host.config.LoadedConfig;
import eu.interlink.jvm.host.plugins.PluginFolder;
import eu.interlink.jvm.host.plugins.PluginJars;
import eu.interlink.jvm.host.run.EmbeddedBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Opens the configured runtime in this process for one command: with the configuration, plugin jars and accelerators
 * {@code serve} would use, but with no pool and a data folder of its own, so that it never meets the sandboxes of a
 * plugin that serves on the same host.
 */
final class EmbeddedRuntimes {

    private EmbeddedRuntimes() {
    }

    /**
     * @param context    where the configuration and the plugin jars are found
     * @param configPath the configuration file named on the command line, if any
     * @param dataFolder the runtime's data folder; empty for a new one under the temporary folder, removed at close
     *                   unless {@code keep}
     * @param keep       whether to leave a new data folder behind at close, for a pod that is kept
     * @throws IOException when a new data folder cannot be made
     */
    static EmbeddedBackend open(HostContext context, Optional<Path> configPath, Optional<Path> dataFolder,
            boolean keep) throws IOException {
        LoadedConfig config = context.configLoader().load(configPath);
        Path folder = dataFolder.isPresent() ? dataFolder.get() : Files.createTempDirectory("ilj-run-");
        Runnable cleanup = () -> {
            if (dataFolder.isEmpty() && !keep) {
                removeTree(folder);
            }
        };
        PluginSettings settings = config.settings()
                .overriding("DataRootFolder", folder.toAbsolutePath().toString())
                .overriding("AVAILABLEDINDS", 0);
        PluginJars plugins = PluginJars.open(PluginFolder.from(config.settings(), context.defaultPluginFolder()),
                context.hostClasses());
        try {
            PodRuntime runtime = RuntimeOpener.open(settings, config.settings().section("Host").text("PodRuntime"),
                    plugins, new SimpleMeterRegistry());
            return new EmbeddedBackend(runtime, "the runtime in this process (data folder " + folder + ")", () -> {
                plugins.close();
                cleanup.run();
            });
        } catch (RuntimeException e) {
            plugins.close();
            cleanup.run();
            throw e;
        }
    }

    private static void removeTree(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the run's data folder " + folder, e);
        }
    }
}
