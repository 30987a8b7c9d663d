package eu.interlink.jvm.api.wire;

/** A request body that is not what the interLink wire format says; the message names the field in one line. */
public final class WireFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
