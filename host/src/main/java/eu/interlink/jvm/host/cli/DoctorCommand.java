package eu.interlink.jvm.host.cli;

import eu.interlink.jvm.host.config.CommandLine;
import eu.interlink.jvm.host.doctor.DiagnosisReport;
import eu.interlink.jvm.host.doctor.Doctor;
import eu.interlink.jvm.host.logging.Verbosity;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code doctor}: checks this host's setup, a line per check and a verdict; exits 1 when a check failed. */
@Command(name = "doctor", description = "Check the configuration, the Docker"
        + " engine, the sandboxes' privileges, the DIND image, the data folder, the accelerators and the listener;"
        + " exits 0 when nothing failed, 1 otherwise.")
final class DoctorCommand implements Callable<Integer> {

    @Option(names = {"-interlinkconfigpath", "--config"}, paramLabel = "PATH",
            description = "The configuration file; else INTERLINKCONFIGPATH, else /etc/interlink/InterLinkConfig.yaml.")
    private Path configPath;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    private final HostContext context;

    DoctorCommand(HostContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        // The runtime logs as it is asked; the report is the output here.
        context.logLevels().apply(Verbosity.ERRORS_ONLY);
        Doctor doctor = new Doctor(context.configLoader(), context.hostClasses(), context.defaultPluginFolder());
        CommandLine flags = new CommandLine(Optional.ofNullable(configPath), Optional.empty(), Optional.empty());
        return DiagnosisReport.print(doctor.examine(flags), System.out);
    }
}
