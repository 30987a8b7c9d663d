package eu.interlink.jvm.docker.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientConfigDelegate;

/**
 * A docker-java configuration that hands every client the same JSON mapper.
 *
 * <p>docker-java's own configuration gives each client a fresh copy of its mapper, and each copy builds its own cache
 * of (de)serializers as the client is used: with two clients per sandbox, hundreds of megabytes for a few hundred
 * pods. The mapper is thread-safe once configured, so one serves all.
 */
final class SharedMapperConfig extends DockerClientConfigDelegate {

    private final ObjectMapper mapper;

    SharedMapperConfig(DockerClientConfig config, ObjectMapper mapper) {
        super(config);
        this.mapper = mapper;
    }

    @Override
    public ObjectMapper getObjectMapper() {
        return mapper;
    }
}
