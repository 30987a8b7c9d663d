package eu.interlink.jvm.host.manifest;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a manifest file holds for {@code run}: one pod and the ConfigMaps and Secrets it uses, as the API server would
 * store them. {@link ManifestReader} fills in what the API server fills in (namespace, name from
 * {@code generateName}, a fresh UID, {@code restartPolicy}, Secret {@code type}, {@code stringData} merged into
 * {@code data}) and checks that every object the pod needs is here.
 *
 * @param pod        the pod
 * @param configMaps the ConfigMaps, each name once, in the pod's namespace
 * @param secrets    the Secrets, each name once, in the pod's namespace; {@code data} is base64
 */
public record Manifest(Pod pod, List<ConfigMap> configMaps, List<Secret> secrets) {

    public Manifest {
        Objects.requireNonNull(pod, "pod");
        configMaps = List.copyOf(configMaps);
        secrets = List.copyOf(secrets);
    }

    /** The ConfigMap of that name, if the manifest holds one. */
    public Optional<ConfigMap> configMap(String name) {
        return named(configMaps, name);
    }

    /** The Secret of that name, if the manifest holds one. */
    public Optional<Secret> secret(String name) {
        return named(secrets, name);
    }

    private static <T extends HasMetadata> Optional<T> named(List<T> objects, String name) {
        return objects.stream()
                .filter(object -> object.getMetadata() != null && Objects.equals(object.getMetadata().getName(), name))
                .findFirst();
    }
}
