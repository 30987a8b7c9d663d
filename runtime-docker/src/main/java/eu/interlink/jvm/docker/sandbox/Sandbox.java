package eu.interlink.jvm.docker.sandbox;

import eu.interlink.jvm.docker.engine.Engine;
import java.nio.file.Path;

/**
 * A running sandbox: a Docker-in-Docker container on the host engine whose inner engine answers on a socket in the
 * sandbox's folder ({@link SandboxLayout}). Closing it closes the connection to the inner engine only;
 * {@link SandboxRemover} removes the sandbox.
 */
public final class Sandbox implements AutoCloseable {

    private final String id;
    private final Engine engine;
    private final Path folder;
    private final String ip;
    private final String gateway;

    Sandbox(String id, Engine engine, Path folder, String ip, String gateway) {
        this.id = id;
        this.engine = engine;
        this.folder = folder;
        this.ip = ip;
        this.gateway = gateway;
    }

    /** The sandbox id, also the pod's JID. */
    public String id() {
        return id;
    }

    /** The inner engine, where the pod's containers run. */
    public Engine engine() {
        return engine;
    }

    /** The sandbox's folder on the host, which the sandbox sees at the same path. */
    public Path folder() {
        return folder;
    }

    /** The sandbox's IP on its network, which is the pod's IP; empty when the engine gave none. */
    public String ip() {
        return ip;
    }

    /** The host's address on the sandbox's network, as the pod sees the host; empty when the engine gave none. */
    public String gateway() {
        return gateway;
    }

    @Override
    public void close() {
        engine.close();
    }
}
