package eu.interlink.jvm.host.cli;

import java.util.Arrays;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/**
 * The plugin's command line: {@code serve} (the default, with the Go plugin's flags), {@code doctor}, {@code run} and
 * {@code conformance}. A new command is a {@link Command} class listed in {@code subcommands} below; one whose
 * constructor takes a {@link HostContext} gets it.
 */
@Command(name = PluginCommands.NAME, subcommands = {ServeCommand.class, DoctorCommand.class, RunCommand.class,
        ConformanceCommand.class, HelpCommand.class},
        description = "The interLink plugin that runs each pod in its own Docker-in-Docker sandbox.")
public final class PluginCommands {

    /** The name the plugin prints its messages under. */
    public static final String NAME = "interlink-docker-plugin";

    private final CommandLine commandLine;

    /** @param context what the commands find the plugin's parts with */
    public PluginCommands(HostContext context) {
        // serve's arguments must reach the Go parser as given: no @file expansion.
        this.commandLine = new CommandLine(this, new ContextFactory(context)).setExpandAtFiles(false);
    }

    /**
     * Runs the command the arguments name; arguments that name none, none at all included, go to {@code serve},
     * so that the Go plugin's command lines work unchanged.
     *
     * @return the exit status
     */
    public int execute(String... args) {
        return commandLine.execute(withDefault(args));
    }

    /** The parsed command line, for tests. */
    CommandLine.ParseResult parse(String... args) {
        return commandLine.parseArgs(withDefault(args));
    }

    private String[] withDefault(String... args) {
        if (args.length > 0 && commandLine.getSubcommands().containsKey(args[0])) {
            return args;
        }
        return Stream.concat(Stream.of("serve"), Arrays.stream(args)).toArray(String[]::new);
    }
}
