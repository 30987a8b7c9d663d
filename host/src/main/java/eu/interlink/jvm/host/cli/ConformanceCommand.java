package eu.interlink.jvm.host.cli;

import eu.interlink.jvm.host.client.PluginClient;
import eu.interlink.jvm.host.conformance.ConformanceSuite;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code conformance --url URL [--image IMAGE] [--case NAME]...}: checks a running plugin against the built-in cases. */
@Command(name = "conformance", description = {
        "Run built-in pods on a running interLink plugin, this one or another, through the interLink API only, and"
                + " check what each shows: a PASS or FAIL line per case with the reason, then 'N passed, N failed'.",
        "Exits 0 when every case passed, 1 otherwise."})
final class ConformanceCommand implements Callable<Integer> {

    /** The image the cases run by default: they need a busybox shell. */
    static final String DEFAULT_IMAGE = "busybox:1.36";

    @Mixin
    private PluginUrlOptions plugin;

    @Option(names = "--image", paramLabel = "IMAGE", defaultValue = DEFAULT_IMAGE,
            description = "The image every case's containers run (default: ${DEFAULT-VALUE}); it needs busybox's sh,"
                    + " cat, seq and stat.")
    private String image;

    @Option(names = "--case", paramLabel = "NAME", description = "Run only this case; may be given more than once.")
    private List<String> cases = new ArrayList<>();

    @Option(names = "--list", description = "List the cases and what each checks, and exit.")
    private boolean list;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        if (list) {
            ConformanceSuite.caseSummaries().forEach(System.out::println);
            return 0;
        }
        try {
            ConformanceSuite.requireKnown(cases);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--case: " + e.getMessage());
        }
        try (PluginClient client = plugin.connect()) {
            return new ConformanceSuite(client, image, System.out).run(cases) == 0 ? 0 : 1;
        }
    }
}
