package eu.interlink.jvm.host.config;

/** Command-line arguments the plugin does not understand; the message is one line and ends with the usage. */
public final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** How to call the plugin, in one line. */
    public static final String USAGE =
            "usage: java -jar interlink-docker-plugin.jar [serve] [-interlinkconfigpath PATH] [-verbose] [-errorsonly]"
                    + " | doctor [--config PATH] | run MANIFEST [--url URL] | conformance --url URL | help [COMMAND]";

    private final boolean helpRequested;

    UsageException(String problem) {
        super(problem + "; " + USAGE);
        this.helpRequested = false;
    }

    private UsageException() {
        super(USAGE);
        this.helpRequested = true;
    }

    static UsageException help() {
        return new UsageException();
    }

    /** True when the arguments asked for the usage ({@code -h}, {@code -help}) rather than being wrong. */
    public boolean helpRequested() {
        return helpRequested;
    }
}
