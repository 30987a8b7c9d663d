package eu.interlink.jvm.docker.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.AuthConfigurations;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.core.SSLConfig;
import java.net.URI;

/**
 * A docker-java configuration that hands every client the same JSON mapper.
 *
 * <p>docker-java's own configuration gives each client a fresh copy of its mapper, and each copy builds its own cache
 * of (de)serializers as the client is used: with two clients per sandbox, hundreds of megabytes for a few hundred
 * pods. The mapper is thread-safe once configured, so one serves all.
 */
record SharedMapperConfig(DockerClientConfig config, ObjectMapper mapper) implements DockerClientConfig {

    @Override
    public URI getDockerHost() {
        return config.getDockerHost();
    }

    @Override
    public RemoteApiVersion getApiVersion() {
        return config.getApiVersion();
    }

    @Override
    public String getRegistryUsername() {
        return config.getRegistryUsername();
    }

    @Override
    public String getRegistryPassword() {
        return config.getRegistryPassword();
    }

    @Override
    public String getRegistryEmail() {
        return config.getRegistryEmail();
    }

    @Override
    public String getRegistryUrl() {
        return config.getRegistryUrl();
    }

    @Override
    public AuthConfig effectiveAuthConfig(String imageName) {
        return config.effectiveAuthConfig(imageName);
    }

    @Override
    public AuthConfigurations getAuthConfigurations() {
        return config.getAuthConfigurations();
    }

    @Override
    public SSLConfig getSSLConfig() {
        return config.getSSLConfig();
    }

    @Override
    public ObjectMapper getObjectMapper() {
        return mapper;
    }
}
