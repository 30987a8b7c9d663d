package eu.interlink.jvm.docker.sandbox;

/** A sandbox that could not be built; the message says why and, where it can, what to do about it. */
public final class SandboxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
