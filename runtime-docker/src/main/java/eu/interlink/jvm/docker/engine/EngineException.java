package eu.interlink.jvm.docker.engine;

/** A Docker engine that did not answer in time, or could not be asked; the message names the engine and the call. */
public final class EngineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
