package eu.interlink.jvm.docker.spec;

import eu.interlink.jvm.api.wire.RetrievedContainer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Kubernetes objects interLink sent with a pod, by name, gathered from every container's entry (the same object
 * may come once per container that uses it).
 *
 * @param configMaps ConfigMaps by {@code metadata.name}
 * @param secrets    Secrets by {@code metadata.name}
 * @param projected  the synthetic ConfigMaps of projected volumes, by volume name
 */
public record SentObjects(Map<String, ConfigMap> configMaps, Map<String, Secret> secrets,
        Map<String, ConfigMap> projected) {

    public SentObjects {
        configMaps = Map.copyOf(configMaps);
        secrets = Map.copyOf(secrets);
        projected = Map.copyOf(projected);
    }

    /** The objects in a create request's container entries; entries without a name are left out. */
    public static SentObjects of(List<RetrievedContainer> containers) {
        return new SentObjects(
                byName(containers, RetrievedContainer::configMaps),
                byName(containers, RetrievedContainer::secrets),
                byName(containers, RetrievedContainer::projectedVolumeMaps));
    }

    private static <T extends HasMetadata> Map<String, T> byName(List<RetrievedContainer> containers,
            Function<RetrievedContainer, List<T>> objects) {
        Map<String, T> byName = new LinkedHashMap<>();
        containers.stream().flatMap(container -> objects.apply(container).stream())
                .filter(object -> object != null && object.getMetadata() != null
                        && object.getMetadata().getName() != null)
                .forEach(object -> byName.putIfAbsent(object.getMetadata().getName(), object));
        return byName;
    }
}
