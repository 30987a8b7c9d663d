package eu.interlink.jvm.host.logging;

/** How much the plugin logs: the Go plugin's {@code VerboseLogging} and {@code ErrorsOnlyLogging}, as one choice. */
public enum Verbosity {

    /** Info and above: what an operator wants by default. */
    NORMAL,
    /** Debug and above ({@code VerboseLogging}, {@code -verbose}). */
    VERBOSE,
    /** Errors only ({@code ErrorsOnlyLogging}, {@code -errorsonly}). */
    ERRORS_ONLY;

    /** The verbosity the two Go settings ask for; verbose wins when both are set, as in the Go plugin. */
    public static Verbosity of(boolean verbose, boolean errorsOnly) {
        if (verbose) {
            return VERBOSE;
        }
        return errorsOnly ? ERRORS_ONLY : NORMAL;
    }
}
