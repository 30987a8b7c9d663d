package eu.interlink.jvm.host.plugins;

/** The plugins folder or one of its jars cannot be read; the message names it and says what to do, in one line. */
public final class PluginJarException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PluginJarException(String message, Throwable cause) {
        super(message, cause);
    }
}
