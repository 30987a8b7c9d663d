package eu.interlink.jvm.docker.images;

/**
 * An image that could not be got into a sandbox; the reason is Kubernetes' ({@code ErrImagePull},
 * {@code ErrImageNeverPull}) and the message says why.
 */
public final class ImageUnavailableException extends RuntimeException {

    /** The reason of an image that could be neither moved from the host nor pulled. */
    public static final String PULL_FAILED = "ErrImagePull";
    /** The reason of an image that is not local while its pull policy forbids pulling. */
    public static final String NEVER_PULL = "ErrImageNeverPull";

    private static final long serialVersionUID = 1L;

    private final String reason;

    public ImageUnavailableException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Kubernetes' reason for the container's waiting or terminated state. */
    public String reason() {
        return reason;
    }
}
