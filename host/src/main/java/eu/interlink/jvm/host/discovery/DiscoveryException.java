package eu.interlink.jvm.host.discovery;

/** The providers on the classpath cannot make a working plugin; the message says why and what to do, in one line. */
public final class DiscoveryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    DiscoveryException(String message) {
        super(message);
    }

    DiscoveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
