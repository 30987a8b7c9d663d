package eu.interlink.jvm.docker.images;

/** An image that could be got into a sandbox neither from the host nor from a registry; the message says why. */
public final class ImageUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ImageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
