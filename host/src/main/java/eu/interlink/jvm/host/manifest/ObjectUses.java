package eu.interlink.jvm.host.manifest;

import static eu.interlink.jvm.host.manifest.PodSpecs.listOf;

import io.fabric8.kubernetes.api.model.ConfigMapEnvSource;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.ConfigMapProjection;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecretEnvSource;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecretProjection;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a pod uses ConfigMaps and Secrets: in its volumes ({@code configMap}, {@code secret} and the sources of
 * {@code projected}), and in its containers' {@code env[].valueFrom} and {@code envFrom}.
 */
final class ObjectUses {

    private ObjectUses() {
    }

    /** Every use in the pod: all its volumes, mounted or not, and the env and envFrom of all its containers. */
    static List<ObjectUse> ofPod(PodSpec spec) {
        List<ObjectUse> uses = new ArrayList<>();
        listOf(spec.getVolumes()).forEach(volume -> addVolume(volume, uses));
        listOf(spec.getInitContainers()).forEach(container -> addContainer(container, "init container", uses));
        listOf(spec.getContainers()).forEach(container -> addContainer(container, "container", uses));
        return uses;
    }

    /**
     * The uses of one container that its entry in a create request carries: the volumes it mounts and its
     * {@code env[].valueFrom}. Its {@code envFrom} is left out: that is flattened into its {@code env}.
     */
    static List<ObjectUse> ofContainer(PodSpec spec, Container container) {
        List<ObjectUse> uses = new ArrayList<>();
        PodSpecs.mountedVolumes(spec, container).forEach(volume -> addVolume(volume, uses));
        addEnv(container, "container", uses);
        return uses;
    }

    private static void addVolume(Volume volume, List<ObjectUse> uses) {
        String usedBy = "volume \"" + volume.getName() + "\"";
        ConfigMapVolumeSource configMap = volume.getConfigMap();
        if (configMap != null) {
            uses.add(new ObjectUse(ObjectKind.CONFIG_MAP, configMap.getName(), isTrue(configMap.getOptional()),
                    usedBy));
        }
        SecretVolumeSource secret = volume.getSecret();
        if (secret != null) {
            uses.add(new ObjectUse(ObjectKind.SECRET, secret.getSecretName(), isTrue(secret.getOptional()), usedBy));
        }
        if (volume.getProjected() != null) {
            for (VolumeProjection source : listOf(volume.getProjected().getSources())) {
                ConfigMapProjection projectedMap = source.getConfigMap();
                if (projectedMap != null) {
                    uses.add(new ObjectUse(ObjectKind.CONFIG_MAP, projectedMap.getName(),
                            isTrue(projectedMap.getOptional()), usedBy));
                }
                SecretProjection projectedSecret = source.getSecret();
                if (projectedSecret != null) {
                    uses.add(new ObjectUse(ObjectKind.SECRET, projectedSecret.getName(),
                            isTrue(projectedSecret.getOptional()), usedBy));
                }
            }
        }
    }

    private static void addContainer(Container container, String label, List<ObjectUse> uses) {
        addEnv(container, label, uses);
        String usedBy = "envFrom of " + label + " \"" + container.getName() + "\"";
        for (EnvFromSource source : listOf(container.getEnvFrom())) {
            ConfigMapEnvSource configMap = source.getConfigMapRef();
            if (configMap != null) {
                uses.add(new ObjectUse(ObjectKind.CONFIG_MAP, configMap.getName(), isTrue(configMap.getOptional()),
                        usedBy));
            }
            SecretEnvSource secret = source.getSecretRef();
            if (secret != null) {
                uses.add(new ObjectUse(ObjectKind.SECRET, secret.getName(), isTrue(secret.getOptional()), usedBy));
            }
        }
    }

    private static void addEnv(Container container, String label, List<ObjectUse> uses) {
        for (EnvVar env : listOf(container.getEnv())) {
            if (env.getValueFrom() == null) {
                continue;
            }
            String usedBy = "env \"" + env.getName() + "\" of " + label + " \"" + container.getName() + "\"";
            ConfigMapKeySelector configMap = env.getValueFrom().getConfigMapKeyRef();
            if (configMap != null) {
                uses.add(new ObjectUse(ObjectKind.CONFIG_MAP, configMap.getName(), isTrue(configMap.getOptional()),
                        usedBy));
            }
            SecretKeySelector secret = env.getValueFrom().getSecretKeyRef();
            if (secret != null) {
                uses.add(new ObjectUse(ObjectKind.SECRET, secret.getName(), isTrue(secret.getOptional()), usedBy));
            }
        }
    }

    private static boolean isTrue(Boolean value) {
        return Boolean.TRUE.equals(value);
    }
}
