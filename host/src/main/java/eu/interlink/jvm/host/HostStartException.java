package eu.interlink.jvm.host;

/** The host cannot listen where it was told to; the message says where and why, in one line. */
public final class HostStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    HostStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
