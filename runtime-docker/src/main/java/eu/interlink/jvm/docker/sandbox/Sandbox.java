package eu.interlink.jvm.docker.sandbox;

import eu.interlink.jvm.docker.engine.Engine;

/**
 * A running sandbox: a Docker-in-Docker container on the host engine whose inner engine answers on a socket in the
 * sandbox's folder ({@link SandboxLayout}). Closing it closes the connection to the inner engine only;
 * {@link SandboxRemover} removes the sandbox.
 */
public final class Sandbox implements AutoCloseable {

    private final String id;
    private final Engine engine;

    Sandbox(String id, Engine engine) {
        this.id = id;
        this.engine = engine;
    }

    /** The sandbox id, also the pod's JID. */
    public String id() {
        return id;
    }

    /** The inner engine, where the pod's containers run. */
    public Engine engine() {
        return engine;
    }

    @Override
    public void close() {
        engine.close();
    }
}
