package eu.interlink.jvm.host.config;

/** A configuration file that cannot be used; the message names the file and the problem in one line. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
