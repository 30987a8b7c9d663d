package eu.interlink.jvm.host;

/**
 * The plugin did not start, or was only asked for its usage: the one line to print and the exit status.
 *
 * <p>Exit status 2 means the command line or the configuration must change; 1 means the installation or the
 * environment must (no runtime on the classpath, the backend unreachable, the address taken); 0 answers
 * {@code -help}.
 */
public final class LaunchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitStatus;

    LaunchException(int exitStatus, String message, Throwable cause) {
        super(message, cause);
        this.exitStatus = exitStatus;
    }

    /** The status the process should exit with. */
    public int exitStatus() {
        return exitStatus;
    }
}
