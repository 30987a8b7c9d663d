package eu.interlink.jvm.api.runtime;

/** A pod that cannot be run as asked; the message names the field and fits in one line. */
public final class InvalidPodException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidPodException(String message) {
        super(message);
    }
}
