package eu.interlink.jvm.host.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The Go plugin's command-line flags: {@code -interlinkconfigpath PATH}, {@code -verbose} and {@code -errorsonly}.
 *
 * <p>Parsed as Go's {@code flag} package does: one or two leading dashes, {@code -name=value} or {@code -name value}
 * for the path, and {@code -name} or {@code -name=true|false} for the booleans.
 *
 * @param configPath the configuration file given with {@code -interlinkconfigpath}, if any
 * @param verbose    {@code -verbose}, if given; it overrides {@code VerboseLogging}
 * @param errorsOnly {@code -errorsonly}, if given; it overrides {@code ErrorsOnlyLogging}
 */
public record CommandLine(Optional<Path> configPath, Optional<Boolean> verbose, Optional<Boolean> errorsOnly) {

    /** No flags. */
    public static final CommandLine NONE = new CommandLine(Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * Parses the arguments of {@code main}.
     *
     * @throws UsageException for an unknown flag, a missing or malformed value, or any other argument
     */
    public static CommandLine parse(String... args) {
        CommandLine parsed = NONE;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-") || arg.equals("-") || arg.equals("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String flag = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
            int equals = flag.indexOf('=');
            String name = equals < 0 ? flag : flag.substring(0, equals);
            Optional<String> value = equals < 0 ? Optional.empty() : Optional.of(flag.substring(equals + 1));
            switch (name) {
                case "interlinkconfigpath" -> {
                    if (value.isEmpty()) {
                        if (i + 1 == args.length) {
                            throw new UsageException("-interlinkconfigpath needs a path");
                        }
                        value = Optional.of(args[++i]);
                    }
                    if (value.get().isBlank()) {
                        throw new UsageException("-interlinkconfigpath needs a path");
                    }
                    parsed = new CommandLine(Optional.of(Path.of(value.get())), parsed.verbose, parsed.errorsOnly);
                }
                case "verbose" -> parsed = new CommandLine(parsed.configPath, Optional.of(bool(name, value)), parsed.errorsOnly);
                case "errorsonly" -> parsed = new CommandLine(parsed.configPath, parsed.verbose, Optional.of(bool(name, value)));
                case "h", "help" -> throw UsageException.help();
                default -> throw new UsageException("unknown flag '" + arg + "'");
            }
        }
        return parsed;
    }

    private static boolean bool(String name, Optional<String> value) {
        return switch (value.orElse("true").toLowerCase(Locale.ROOT)) {
            case "true", "1", "t" -> true;
            case "false", "0", "f" -> false;
            default -> throw new UsageException("-" + name + " takes true or false, got '" + value.get() + "'");
        };
    }
}
