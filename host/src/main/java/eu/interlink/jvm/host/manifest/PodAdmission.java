package eu.interlink.jvm.host.manifest;

import static eu.interlink.jvm.host.manifest.PodSpecs.listOf;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * What the API server checks and fills in when a pod is created, as far as a plugin needs it: a name (from
 * {@code generateName} when only that is given), the namespace ({@code default}), a fresh UID, containers with names
 * and images, mounts of volumes that exist, and {@code restartPolicy: Always} when unset.
 */
final class PodAdmission {

    /** The API server's alphabet for generated names: no vowels, no look-alike digits. */
    private static final String NAME_SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int NAME_SUFFIX_LENGTH = 5;

    private PodAdmission() {
    }

    /**
     * Checks the pod and fills in its defaults, in place; a UID it has is replaced, as the API server does.
     *
     * @throws ManifestException naming {@code where} when the pod could not be created
     */
    static void admit(Pod pod, String where) {
        ObjectMeta metadata = pod.getMetadata() == null ? new ObjectMeta() : pod.getMetadata();
        pod.setMetadata(metadata);
        if (isBlank(metadata.getName())) {
            if (isBlank(metadata.getGenerateName())) {
                throw new ManifestException(where + ": the pod needs metadata.name or metadata.generateName");
            }
            metadata.setName(metadata.getGenerateName() + randomSuffix());
        }
        if (isBlank(metadata.getNamespace())) {
            metadata.setNamespace("default");
        }
        metadata.setUid(UUID.randomUUID().toString());
        PodSpec spec = pod.getSpec();
        if (spec == null || listOf(spec.getContainers()).isEmpty()) {
            throw new ManifestException(where + ": the pod has no containers (spec.containers)");
        }
        checkContainers(spec, where);
        if (isBlank(spec.getRestartPolicy())) {
            spec.setRestartPolicy("Always");
        }
    }

    private static void checkContainers(PodSpec spec, String where) {
        Set<String> volumes = listOf(spec.getVolumes()).stream().map(Volume::getName).collect(Collectors.toSet());
        Map<String, String> fieldByName = new HashMap<>();
        checkContainers(spec.getInitContainers(), "spec.initContainers", volumes, fieldByName, where);
        checkContainers(spec.getContainers(), "spec.containers", volumes, fieldByName, where);
    }

    private static void checkContainers(List<Container> containers, String field, Set<String> volumes,
            Map<String, String> fieldByName, String where) {
        List<Container> list = listOf(containers);
        for (int i = 0; i < list.size(); i++) {
            Container container = list.get(i);
            String at = where + ": " + field + "[" + i + "]";
            if (isBlank(container.getName())) {
                throw new ManifestException(at + " needs a name");
            }
            if (isBlank(container.getImage())) {
                throw new ManifestException(at + " (\"" + container.getName() + "\") needs an image");
            }
            String taken = fieldByName.putIfAbsent(container.getName(), field + "[" + i + "]");
            if (taken != null) {
                throw new ManifestException(at + ": the name \"" + container.getName() + "\" is taken by " + taken);
            }
            List<VolumeMount> mounts = listOf(container.getVolumeMounts());
            for (int j = 0; j < mounts.size(); j++) {
                if (!volumes.contains(mounts.get(j).getName())) {
                    throw new ManifestException(at + ".volumeMounts[" + j + "]: no volume named \""
                            + mounts.get(j).getName() + "\" in spec.volumes");
                }
            }
        }
    }

    private static String randomSuffix() {
        StringBuilder suffix = new StringBuilder(NAME_SUFFIX_LENGTH);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < NAME_SUFFIX_LENGTH; i++) {
            suffix.append(NAME_SUFFIX_ALPHABET.charAt(random.nextInt(NAME_SUFFIX_ALPHABET.length())));
        }
        return suffix.toString();
    }

    static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
