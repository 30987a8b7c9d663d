package eu.interlink.jvm.api.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;

/**
 * The Kubernetes objects one container of a {@link RetrievedPodData} mounts, as interLink resolved them.
 *
 * <p>Go sends nil slices as {@code null}; every list here is empty instead, never null.
 *
 * @param name                the container's name in the pod spec
 * @param configMaps          ConfigMaps matched to volumes by {@code metadata.name}
 * @param secrets             Secrets matched to volumes by {@code metadata.name}; {@code data} is base64
 * @param projectedVolumeMaps one synthetic ConfigMap per projected volume, named after the volume, with paths as keys
 * @param emptyDirs           host paths interLink 0.3 filled in for emptyDir volumes; empty since 0.4
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RetrievedContainer(
        @JsonProperty("name") String name,
        @JsonProperty("configMaps") List<ConfigMap> configMaps,
        @JsonProperty("secrets") List<Secret> secrets,
        @JsonProperty("projectedvolumemaps") List<ConfigMap> projectedVolumeMaps,
        @JsonProperty("emptyDirs") List<String> emptyDirs) {

    public RetrievedContainer {
        configMaps = nullToEmpty(configMaps);
        secrets = nullToEmpty(secrets);
        projectedVolumeMaps = nullToEmpty(projectedVolumeMaps);
        emptyDirs = nullToEmpty(emptyDirs);
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
