package eu.interlink.jvm.host.client;

import java.util.OptionalInt;

/**
 * A call to a plugin that failed: it answered with another status than 200, answered what cannot be read, did not
 * answer in time, or could not be reached. The message is one line naming the call and what went wrong.
 */
public class PluginCallException extends RuntimeException {

    private final OptionalInt status;

    /** The plugin answered {@code status}, which is not 200. */
    public PluginCallException(int status, String message) {
        super(message);
        this.status = OptionalInt.of(status);
    }

    /** The call failed before or without an HTTP answer, or its answer could not be read. */
    public PluginCallException(String message, Throwable cause) {
        super(message, cause);
        this.status = OptionalInt.empty();
    }

    /** The HTTP status the plugin answered, when the failure is that status; empty otherwise. */
    public OptionalInt status() {
        return status;
    }
}
