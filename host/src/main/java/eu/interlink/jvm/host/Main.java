package eu.interlink.jvm.host;

import eu.interlink.jvm.host.config.ConfigLoader;
import eu.interlink.jvm.host.logging.LogLevels;
import eu.interlink.jvm.host.plugins.PluginFolder;

/**
 * {@code java -jar interlink-docker-plugin.jar [-interlinkconfigpath PATH] [-verbose] [-errorsonly]}.
 *
 * <p>Serves until the process is stopped (SIGTERM or Ctrl-C stop it gracefully). A failed start prints one line,
 * {@code interlink-docker-plugin: <problem>}, to stderr and exits with the status {@link LaunchException} gives.
 */
public final class Main {

    static final String NAME = "interlink-docker-plugin";

    private Main() {
    }

    public static void main(String[] args) {
        Launcher launcher = new Launcher(new ConfigLoader(System.getenv()), Main.class.getClassLoader(),
                PluginFolder.besideJarOf(Main.class), new LogLevels());
        try {
            PluginHost host = launcher.launch(args);
            Runtime.getRuntime().addShutdownHook(new Thread(host::close, "shutdown"));
        } catch (LaunchException e) {
            (e.exitStatus() == 0 ? System.out : System.err).println(NAME + ": " + e.getMessage());
            System.exit(e.exitStatus());
        }
    }
}
