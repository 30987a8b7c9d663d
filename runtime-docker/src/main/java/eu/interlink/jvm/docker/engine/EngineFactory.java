package eu.interlink.jvm.docker.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import eu.interlink.jvm.docker.metrics.DockerCallMeters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * Opens {@link Engine}s: the host's, at the address docker-java's own configuration names ({@code DOCKER_HOST}, by
 * default {@code unix:///var/run/docker.sock}), and each sandbox's, at its unix socket.
 */
public final class EngineFactory {

    private final Duration callTimeout;
    private final ExecutorService workers;
    private final EventStreams events;
    private final DockerCallMeters meters;
    /** One mapper, with one cache of (de)serializers, for every engine's clients. */
    private final ObjectMapper mapper = DockerClientConfig.getDefaultObjectMapper();

    /**
     * @param callTimeout the bound on each request/response call
     * @param workers     the threads that run bounded calls; owned by the caller, who shuts them down last
     * @param events      what follows the engines' event streams; owned by the caller
     * @param meters      counts the calls of the engines opened
     */
    public EngineFactory(Duration callTimeout, ExecutorService workers, EventStreams events,
            DockerCallMeters meters) {
        this.callTimeout = callTimeout;
        this.workers = workers;
        this.events = events;
        this.meters = meters;
    }

    /** The host's engine, as {@code DOCKER_HOST} and the other docker-java settings describe it. */
    public Engine host() {
        return open(DefaultDockerClientConfig.createDefaultConfigBuilder().build(), DockerCallMeters.HOST);
    }

    /** The engine listening on a unix socket, such as a sandbox's inner engine; its calls count as a sandbox's. */
    public Engine unixSocket(Path socket) {
        return open(DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost("unix://" + socket.toAbsolutePath())
                .withDockerTlsVerify(false)
                .build(), DockerCallMeters.SANDBOX);
    }

    private Engine open(DockerClientConfig own, String kind) {
        DockerClientConfig config = new SharedMapperConfig(own, mapper);
        DockerClient calls = DockerClientImpl.getInstance(config, httpClient(config, true));
        DockerClient streams = DockerClientImpl.getInstance(config, httpClient(config, false));
        return new Engine(config.getDockerHost().toString(), calls, streams, callTimeout, workers, events, meters,
                kind);
    }

    private ZerodepDockerHttpClient httpClient(DockerClientConfig config, boolean withResponseTimeout) {
        ZerodepDockerHttpClient.Builder builder = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(callTimeout);
        if (withResponseTimeout) {
            builder.responseTimeout(callTimeout);
        }
        return builder.build();
    }
}
