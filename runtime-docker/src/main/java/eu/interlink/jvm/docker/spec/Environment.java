package eu.interlink.jvm.docker.spec;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.api.wire.PodFields;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A container's environment as Kubernetes gives it: {@code envFrom} first (each object's keys sorted, so that the
 * order is the same on every run), then {@code env} in order, each value
 * with {@code $(VAR)} references to earlier variables expanded, and {@code valueFrom} resolved from the pod
 * ({@code fieldRef}, {@code resourceFieldRef}) and from the ConfigMaps and Secrets interLink sent with it.
 *
 * <p>Every reference that cannot be resolved is named, all together, in one {@link InvalidPodException}; an
 * {@code optional} reference to a missing object or key leaves its variable out, as in Kubernetes.
 */
public final class Environment {

    private final Pod pod;
    private final SentObjects sent;
    private final PodAddress address;

    /**
     * @param pod     the pod the containers belong to
     * @param sent    the objects interLink sent with it
     * @param address the pod's addresses; {@link PodAddress#UNKNOWN} to check references before they are known
     */
    public Environment(Pod pod, SentObjects sent, PodAddress address) {
        this.pod = pod;
        this.sent = sent;
        this.address = address;
    }

    /**
     * The container's variables, in the order Kubernetes defines them; a later definition of a name replaces an
     * earlier one.
     *
     * @throws InvalidPodException naming every reference that cannot be resolved
     */
    public Map<String, String> of(Container container) {
        String where = "containers[" + container.getName() + "]";
        List<String> problems = new ArrayList<>();
        Map<String, String> variables = new LinkedHashMap<>();
        for (EnvFromSource source : listOf(container.getEnvFrom())) {
            fromObject(source, where, problems).forEach(variables::put);
        }
        for (EnvVar env : listOf(container.getEnv())) {
            if (env.getValueFrom() == null) {
                variables.put(env.getName(), VarExpansion.expand(env.getValue() == null ? "" : env.getValue(), variables));
            } else {
                valueOf(container, env.getValueFrom(), where + ".env[" + env.getName() + "].valueFrom", problems)
                        .ifPresent(value -> variables.put(env.getName(), value));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidPodException(String.join("; ", problems));
        }
        return variables;
    }

    private Map<String, String> fromObject(EnvFromSource source, String where, List<String> problems) {
        String prefix = source.getPrefix() == null ? "" : source.getPrefix();
        Map<String, byte[]> entries;
        if (source.getConfigMapRef() != null) {
            String name = source.getConfigMapRef().getName();
            ConfigMap configMap = sent.configMaps().get(name);
            if (configMap == null) {
                return missing(where + ".envFrom", "ConfigMap " + name, source.getConfigMapRef().getOptional(), problems);
            }
            entries = ObjectData.ofConfigMap(configMap, where + ".envFrom", problems);
        } else if (source.getSecretRef() != null) {
            String name = source.getSecretRef().getName();
            Secret secret = sent.secrets().get(name);
            if (secret == null) {
                return missing(where + ".envFrom", "Secret " + name, source.getSecretRef().getOptional(), problems);
            }
            entries = ObjectData.ofSecret(secret, where + ".envFrom", problems);
        } else {
            problems.add(where + ".envFrom: names neither a ConfigMap nor a Secret");
            return Map.of();
        }
        Map<String, String> variables = new TreeMap<>();
        entries.forEach((key, value) -> variables.put(prefix + key, new String(value, StandardCharsets.UTF_8)));
        return variables;
    }

    private Optional<String> valueOf(Container container, EnvVarSource source, String where, List<String> problems) {
        if (source.getFieldRef() != null) {
            return field(source.getFieldRef().getFieldPath(), where, problems);
        }
        if (source.getResourceFieldRef() != null) {
            return PodFields.resource(container, source.getResourceFieldRef(), where, problems);
        }
        if (source.getConfigMapKeyRef() != null) {
            ConfigMapKeySelector ref = source.getConfigMapKeyRef();
            ConfigMap configMap = sent.configMaps().get(ref.getName());
            return key(configMap == null ? null : ObjectData.ofConfigMap(configMap, where, problems),
                    "ConfigMap " + ref.getName(), ref.getKey(), ref.getOptional(), where, problems);
        }
        if (source.getSecretKeyRef() != null) {
            SecretKeySelector ref = source.getSecretKeyRef();
            Secret secret = sent.secrets().get(ref.getName());
            return key(secret == null ? null : ObjectData.ofSecret(secret, where, problems),
                    "Secret " + ref.getName(), ref.getKey(), ref.getOptional(), where, problems);
        }
        problems.add(where + ": names no source this runtime knows");
        return Optional.empty();
    }

    private Optional<String> field(String path, String where, List<String> problems) {
        String fieldPath = path == null ? "" : path;
        Optional<String> metadata = PodFields.metadata(pod, fieldPath);
        if (metadata.isPresent()) {
            return metadata;
        }
        Supplier<String> value = switch (fieldPath) {
            case "spec.nodeName" -> pod.getSpec()::getNodeName;
            case "spec.serviceAccountName" -> pod.getSpec()::getServiceAccountName;
            case "status.podIP", "status.podIPs" -> address::podIp;
            case "status.hostIP", "status.hostIPs" -> address::hostIp;
            default -> null;
        };
        if (value == null) {
            problems.add(where + ": fieldRef " + fieldPath + " is not supported");
            return Optional.empty();
        }
        return Optional.of(Objects.requireNonNullElse(value.get(), ""));
    }

    private static Optional<String> key(Map<String, byte[]> entries, String object, String key, Boolean optional,
            String where, List<String> problems) {
        boolean mayBeMissing = Boolean.TRUE.equals(optional);
        if (entries == null) {
            if (!mayBeMissing) {
                problems.add(where + ": " + object + " was not sent with the pod");
            }
            return Optional.empty();
        }
        byte[] value = entries.get(key);
        if (value == null) {
            if (!mayBeMissing) {
                problems.add(where + ": " + object + " has no key " + key);
            }
            return Optional.empty();
        }
        return Optional.of(new String(value, StandardCharsets.UTF_8));
    }

    private static Map<String, String> missing(String where, String object, Boolean optional, List<String> problems) {
        if (!Boolean.TRUE.equals(optional)) {
            problems.add(where + ": " + object + " was not sent with the pod");
        }
        return Map.of();
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : list;
    }
}
