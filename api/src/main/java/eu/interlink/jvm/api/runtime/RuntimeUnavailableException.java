package eu.interlink.jvm.api.runtime;

/** A runtime that cannot reach or use its backend; the message says what failed and how to fix it. */
public final class RuntimeUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RuntimeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
