package eu.interlink.jvm.host;

import eu.interlink.jvm.host.cli.HostContext;
import eu.interlink.jvm.host.cli.PluginCommands;
import eu.interlink.jvm.host.config.ConfigLoader;
import eu.interlink.jvm.host.logging.LogLevels;
import eu.interlink.jvm.host.plugins.PluginFolder;

/**
 * {@code java -jar interlink-docker-plugin.jar [serve] [-interlinkconfigpath PATH] [-verbose] [-errorsonly]}, or
 * {@code ... doctor}: see {@link PluginCommands}.
 *
 * <p>{@code serve} returns only when its start fails: it prints one line, {@code interlink-docker-plugin: <problem>},
 * to stderr and the process exits with the status {@link LaunchException} gives. A stopped server ends the process
 * through the shutdown hooks, not here.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        HostContext context = new HostContext(new ConfigLoader(System.getenv()), Main.class.getClassLoader(),
                PluginFolder.besideJarOf(Main.class), new LogLevels());
        System.exit(new PluginCommands(context).execute(args));
    }
}
