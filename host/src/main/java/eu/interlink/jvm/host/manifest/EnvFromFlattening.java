package eu.interlink.jvm.host.manifest;

import static eu.interlink.jvm.host.manifest.PodSpecs.listOf;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a container's {@code envFrom} into plain {@code env} entries, as interLink's virtual kubelet does before it
 * sends a pod: for each source in order, the object's keys sorted, each with the source's prefix, its value as text
 * (a Secret's decoded); then the container's own entries. An entry whose name came before replaces that one, in its
 * place. A source whose object the manifest lacks gives nothing (only optional ones can be missing once
 * {@link ManifestReader} read it).
 */
final class EnvFromFlattening {

    private EnvFromFlattening() {
    }

    /** Flattens the container's {@code envFrom} into its {@code env}, in place, and empties its {@code envFrom}. */
    static void flatten(Container container, Manifest manifest) {
        if (listOf(container.getEnvFrom()).isEmpty()) {
            return;
        }
        Map<String, EnvVar> byName = new LinkedHashMap<>();
        for (EnvFromSource source : container.getEnvFrom()) {
            String prefix = source.getPrefix() == null ? "" : source.getPrefix();
            valuesOf(source, manifest).forEach((key, value) -> byName.put(prefix + key,
                    new EnvVarBuilder().withName(prefix + key).withValue(value).build()));
        }
        listOf(container.getEnv()).forEach(env -> byName.put(env.getName(), env));
        container.setEnv(new ArrayList<>(byName.values()));
        container.setEnvFrom(new ArrayList<>());
    }

    /** The source's object's values as text, sorted by key. */
    private static Map<String, String> valuesOf(EnvFromSource source, Manifest manifest) {
        Map<String, String> values = new TreeMap<>();
        if (source.getConfigMapRef() != null) {
            manifest.configMap(source.getConfigMapRef().getName()).map(ConfigMap::getData).ifPresent(values::putAll);
        }
        if (source.getSecretRef() != null) {
            manifest.secret(source.getSecretRef().getName()).map(SecretData::texts).ifPresent(values::putAll);
        }
        return values;
    }
}
