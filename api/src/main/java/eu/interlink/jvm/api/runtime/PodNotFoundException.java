package eu.interlink.jvm.api.runtime;

/** A request about a pod, or a container of a pod, that the runtime does not know. */
public final class PodNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PodNotFoundException(String message) {
        super(message);
    }
}
