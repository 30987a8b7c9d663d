package eu.interlink.jvm.docker.sandbox;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.dockerjava.api.model.HostConfig;
import java.util.List;

/**
 * A host configuration with no masked and no read-only paths under {@code /proc} and {@code /sys}: what the docker
 * CLI's {@code --security-opt systempaths=unconfined} sends, which docker-java's {@link HostConfig} cannot express.
 * An inner engine needs it to mount {@code /proc} for its own containers and to set sysctls.
 */
final class UnmaskedHostConfig extends HostConfig {

    private static final long serialVersionUID = 1L;

    @JsonProperty("MaskedPaths")
    public List<String> getMaskedPaths() {
        return List.of();
    }

    @JsonProperty("ReadonlyPaths")
    public List<String> getReadonlyPaths() {
        return List.of();
    }
}
