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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Opens the configured runtime in this process for one command: with the configuration, plugin jars and accelerators
 * {@code serve} would use, but with no pool and a data folder of its own, so that it never meets the sandboxes of a
 * plugin that serves on the same host.
 *
 * <p>A new data folder is removed once the pod was deleted, unless the runtime left a sandbox's folder in it: it knows
 * that much of the docker runtime's layout (the one runtime the jar ships), so as never to lose track of a sandbox
 * whose removal failed.
 */
final class EmbeddedRuntimes {

    /** Where the docker runtime keeps its sandboxes' folders, within its data folder. */
    private static final String SANDBOXES = "sandboxes";
    /** The label the docker runtime gives every container it makes, naming its data folder. */
    private static final String DATA_ROOT_LABEL = "eu.interlink.jvm.data-root";

    private EmbeddedRuntimes() {
    }

    /**
     * @param context    where the configuration and the plugin jars are found
     * @param configPath the configuration file named on the command line, if any
     * @param dataFolder the runtime's data folder; empty for a new one under the temporary folder, removed at close
     *                   once the pod was deleted and nothing of it is left
     * @throws IOException when a new data folder cannot be made
     */
    static EmbeddedBackend open(HostContext context, Optional<Path> configPath, Optional<Path> dataFolder)
            throws IOException {
        LoadedConfig config = context.configLoader().load(configPath);
        Path folder = dataFolder.isPresent() ? dataFolder.get() : Files.createTempDirectory("ilj-run-");
        EmbeddedBackend.Cleanup removeNewFolder = podsDeleted -> {
            if (dataFolder.isEmpty() && podsDeleted) {
                removeIfNothingLeft(folder);
            }
        };
        PluginSettings settings = config.settings()
                .overriding("DataRootFolder", folder.toAbsolutePath().toString())
                .overriding("AVAILABLEDINDS", 0);
        PluginJars plugins = null;
        try {
            plugins = PluginJars.open(PluginFolder.from(config.settings(), context.defaultPluginFolder()),
                    context.hostClasses());
            PodRuntime runtime = RuntimeOpener.open(settings, config.settings().section("Host").text("PodRuntime"),
                    plugins, new SimpleMeterRegistry());
            PluginJars openJars = plugins;
            return new EmbeddedBackend(runtime, "the runtime in this process (data folder " + folder + ")",
                    podsDeleted -> {
                        openJars.close();
                        removeNewFolder.afterClose(podsDeleted);
                    });
        } catch (RuntimeException e) {
            if (plugins != null) {
                plugins.close();
            }
            try {
                removeNewFolder.afterClose(true);
            } catch (Exception cleanupFailure) {
                e.addSuppressed(cleanupFailure);
            }
            throw e;
        }
    }

    /** Removes the run's data folder, unless a sandbox's folder is left in it: then it says where, and how to remove it. */
    private static void removeIfNothingLeft(Path folder) throws IOException {
        Path sandboxes = folder.resolve(SANDBOXES);
        if (Files.isDirectory(sandboxes)) {
            try (Stream<Path> left = Files.list(sandboxes)) {
                if (left.findAny().isPresent()) {
                    String filter = "--filter label=" + DATA_ROOT_LABEL + "=" + folder;
                    throw new IOException("the pod's removal did not finish: its sandbox is left in " + folder
                            + "; remove it with: docker rm -f -v $(docker ps -aq " + filter + ")"
                            + " && docker volume rm $(docker volume ls -q " + filter + ")");
                }
            }
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
