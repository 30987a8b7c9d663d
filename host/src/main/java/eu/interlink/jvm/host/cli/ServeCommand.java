package eu.interlink.jvm.host.cli;

import eu.interlink.jvm.host.LaunchException;
import eu.interlink.jvm.host.Launcher;
import eu.interlink.jvm.host.PluginHost;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code serve [-interlinkconfigpath PATH] [-verbose] [-errorsonly]}: serves until the process is stopped (SIGTERM or
 * Ctrl-C stop it gracefully); the default command. Its flags are the Go plugin's, parsed as Go does, so picocli
 * passes them through untouched.
 */
@Command(name = "serve", description = "Serve the interLink plugin API until stopped (the default command); takes"
        + " the Go plugin's flags: -interlinkconfigpath PATH, -verbose, -errorsonly.")
final class ServeCommand implements Callable<Integer> {

    @Unmatched
    private List<String> goFlags = new ArrayList<>();

    private final HostContext context;

    ServeCommand(HostContext context) {
        this.context = context;
    }

    /** The Go flags given, for tests. */
    List<String> goFlags() {
        return goFlags;
    }

    @Override
    public Integer call() throws InterruptedException {
        Launcher launcher = new Launcher(context.configLoader(), context.hostClasses(), context.defaultPluginFolder(),
                context.logLevels());
        PluginHost host;
        try {
            host = launcher.launch(goFlags.toArray(String[]::new));
        } catch (LaunchException e) {
            PrintStream stream = e.exitStatus() == 0 ? System.out : System.err;
            stream.println(PluginCommands.NAME + ": " + e.getMessage());
            return e.exitStatus();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(host::close, "shutdown"));
        // Only the shutdown hook stops the host: the JVM is then exiting, and halts once the hooks are done.
        host.awaitStop();
        return 0;
    }
}
