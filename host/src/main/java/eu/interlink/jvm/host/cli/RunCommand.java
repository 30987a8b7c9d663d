package eu.interlink.jvm.host.cli;

import eu.interlink.jvm.api.wire.RetrievedPodData;
import eu.interlink.jvm.host.logging.Verbosity;
import eu.interlink.jvm.host.manifest.CreateRequests;
import eu.interlink.jvm.host.manifest.ManifestException;
import eu.interlink.jvm.host.manifest.ManifestReader;
import eu.interlink.jvm.host.run.AttendedRun;
import eu.interlink.jvm.host.run.PodBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code run MANIFEST [--url URL] [--keep] [--timeout SECONDS]}: runs the manifest's pod to its end, here or on a
 * plugin, and exits with its result.
 */
@Command(name = "run", description = {
        "Run the pod of a manifest (a Pod, and the ConfigMaps and Secrets it uses, as kubectl apply takes them) to its"
                + " end: in this process with the configured runtime, or on a running plugin with --url.",
        "Prints each container's log on stdout as 'name | line' and each change of a container's state on stderr,"
                + " then deletes the pod (Ctrl-C deletes it too).",
        "Exits 0 when the pod succeeded, else the failed container's exit code; 124 when --timeout passed, 125 when"
                + " the pod could not be run, 130 when stopped."})
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MANIFEST", description = "The YAML file: one Pod, and the ConfigMaps and Secrets it uses.")
    private Path manifest;

    @Mixin
    private PluginUrlOptions plugin;

    @Option(names = "--keep", description = "Leave the pod when it has ended, instead of deleting it.")
    private boolean keep;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "0",
            description = "Stop waiting after this many seconds, delete the pod and exit 124; 0 (the default) waits"
                    + " as long as the pod runs.")
    private long timeoutSeconds;

    @Option(names = {"-interlinkconfigpath", "--config"}, paramLabel = "PATH",
            description = "Without --url: the configuration file; else INTERLINKCONFIGPATH, else"
                    + " /etc/interlink/InterLinkConfig.yaml.")
    private Path configPath;

    @Option(names = "--data-folder", paramLabel = "PATH",
            description = "Without --url: the runtime's data folder; by default a new one under the temporary folder,"
                    + " removed at the end.")
    private Path dataFolder;

    @Option(names = {"-v", "--verbose"}, description = "Show the runtime's log on stderr (without --url).")
    private boolean verbose;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Spec
    private CommandSpec spec;

    private final HostContext context;

    RunCommand(HostContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (plugin.given() && (configPath != null || dataFolder != null)) {
            throw new ParameterException(spec.commandLine(), "--config and --data-folder are for a run in this process:"
                    + " a plugin at --url has its own");
        }
        if (timeoutSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--timeout must be 0 or more seconds");
        }
        context.logLevels().apply(verbose ? Verbosity.NORMAL : Verbosity.ERRORS_ONLY);
        PodBackend remote = plugin.given() ? plugin.connect() : null;
        RetrievedPodData request;
        try {
            request = CreateRequests.of(new ManifestReader().read(manifest));
        } catch (ManifestException e) {
            if (remote != null) {
                remote.close();
            }
            return failed(e.getMessage());
        }
        PodBackend backend = remote;
        if (backend == null) {
            try {
                backend = EmbeddedRuntimes.open(context, Optional.ofNullable(configPath),
                        Optional.ofNullable(dataFolder));
            } catch (IOException | RuntimeException e) {
                return failed("the runtime cannot open: " + e.getMessage());
            }
        }
        Optional<Duration> timeout = timeoutSeconds > 0 ? Optional.of(Duration.ofSeconds(timeoutSeconds))
                : Optional.empty();
        return new AttendedRun(backend, System.out, System.err, keep).run(request, timeout);
    }

    private static int failed(String message) {
        System.err.println(PluginCommands.NAME + " run: " + message);
        return AttendedRun.FAILED;
    }
}
