package eu.interlink.jvm.docker.security;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import java.net.URI;
import java.nio.file.Path;

/** The unix socket of the host's engine, which no pod may be given: it would command the host's Docker. */
public final class EngineSocket {

    private EngineSocket() {
    }

    /**
     * The socket that docker-java's own configuration names ({@code DOCKER_HOST}, by default
     * {@code unix:///var/run/docker.sock}), as the plugin reaches the host's engine; null when that is not a unix
     * socket.
     */
    public static Path ofHostEngine() {
        URI host = DefaultDockerClientConfig.createDefaultConfigBuilder().build().getDockerHost();
        return "unix".equals(host.getScheme()) ? Path.of(host.getPath()) : null;
    }
}
