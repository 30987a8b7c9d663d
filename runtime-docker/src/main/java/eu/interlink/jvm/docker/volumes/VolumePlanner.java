package eu.interlink.jvm.docker.volumes;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.docker.spec.ObjectData;
import eu.interlink.jvm.docker.spec.SentObjects;
import eu.interlink.jvm.docker.spec.SpecContainers;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides a pod's volumes from its spec and the objects interLink sent with it, before anything is written.
 *
 * <p>ConfigMaps, Secrets and projected volumes become files, with their {@code items}, {@code defaultMode} and
 * {@code mode}; an {@code emptyDir} becomes a shared folder. Every problem is found, not only the first, and they
 * are reported together in one {@link InvalidPodException}: a volume no object was sent for, an item path that would
 * leave its volume, data that is not base64, a volume type this runtime does not offer. Volumes no container mounts
 * are left out, as interLink does. Stateless and thread-safe.
 */
public final class VolumePlanner {

    private static final Logger LOG = LoggerFactory.getLogger(VolumePlanner.class);
    private static final Pattern VOLUME_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final String NO_PROPAGATION = "None";

    /**
     * Plans the volumes of a pod.
     *
     * @param spec the pod's spec
     * @param sent the objects interLink sent with the pod
     * @throws InvalidPodException naming every volume or mount that cannot be honoured
     */
    public VolumePlan plan(PodSpec spec, SentObjects sent) {
        List<String> problems = new ArrayList<>();
        Map<String, Volume> volumes = volumesByName(spec, problems);
        Map<String, List<MountSpec>> mounts = new LinkedHashMap<>();
        Set<String> mounted = new LinkedHashSet<>();
        SpecContainers.of(spec).forEach(container -> mounts.put(container.getName(),
                mountsOf(container, volumes, mounted, problems)));
        List<VolumeContent> contents = new ArrayList<>();
        for (Volume volume : volumes.values()) {
            if (mounted.contains(volume.getName())) {
                contents.add(contentOf(volume, sent, problems));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidPodException(String.join("; ", problems));
        }
        mounts.values().removeIf(List::isEmpty);
        return new VolumePlan(contents, mounts);
    }

    private static Map<String, Volume> volumesByName(PodSpec spec, List<String> problems) {
        Map<String, Volume> volumes = new LinkedHashMap<>();
        for (Volume volume : listOf(spec.getVolumes())) {
            String name = volume.getName();
            if (name == null || !VOLUME_NAME.matcher(name).matches()) {
                problems.add("spec.volumes[" + name + "]: a volume name must be a DNS label (lower-case letters, "
                        + "digits and '-', at most 63)");
            } else if (volumes.putIfAbsent(name, volume) != null) {
                problems.add("spec.volumes[" + name + "]: the name is used twice");
            }
        }
        return volumes;
    }

    private static List<MountSpec> mountsOf(Container container, Map<String, Volume> volumes, Set<String> mounted,
            List<String> problems) {
        List<MountSpec> mounts = new ArrayList<>();
        Set<String> paths = new LinkedHashSet<>();
        for (VolumeMount mount : listOf(container.getVolumeMounts())) {
            String where = "containers[" + container.getName() + "].volumeMounts[" + mount.getName() + "]";
            if (!volumes.containsKey(mount.getName())) {
                problems.add(where + ": the pod has no volume of that name");
                continue;
            }
            mounted.add(mount.getName());
            mountProblem(mount, paths).ifPresentOrElse(problem -> problems.add(where + ": " + problem),
                    () -> mounts.add(new MountSpec(mount.getName(), subPathOf(mount), mount.getMountPath(),
                            Boolean.TRUE.equals(mount.getReadOnly()))));
        }
        return mounts;
    }

    private static Optional<String> mountProblem(VolumeMount mount, Set<String> paths) {
        String mountPath = mount.getMountPath();
        if (mountPath == null || !mountPath.startsWith("/")) {
            return Optional.of("mountPath must be an absolute path, got '" + mountPath + "'");
        }
        if (!paths.add(mountPath)) {
            return Optional.of("mountPath " + mountPath + " is used twice");
        }
        if (mount.getSubPathExpr() != null && !mount.getSubPathExpr().isEmpty()) {
            return Optional.of("subPathExpr is not supported");
        }
        if (mount.getMountPropagation() != null && !NO_PROPAGATION.equals(mount.getMountPropagation())) {
            return Optional.of("mountPropagation " + mount.getMountPropagation() + " is not supported");
        }
        String subPath = subPathOf(mount);
        return subPath.isEmpty() ? Optional.empty()
                : ItemPath.problem(subPath).map(problem -> "subPath '" + subPath + "' " + problem);
    }

    private static String subPathOf(VolumeMount mount) {
        return mount.getSubPath() == null ? "" : mount.getSubPath();
    }

    private static VolumeContent contentOf(Volume volume, SentObjects sent, List<String> problems) {
        String where = "spec.volumes[" + volume.getName() + "]";
        if (volume.getConfigMap() != null) {
            var source = volume.getConfigMap();
            ConfigMap configMap = sent.configMaps().get(source.getName());
            if (configMap == null) {
                return missing(volume, where, "ConfigMap " + source.getName(), source.getOptional(), problems);
            }
            Map<String, byte[]> entries = ObjectData.ofConfigMap(configMap, where, problems);
            return files(volume, where, entries, source.getItems(), source.getDefaultMode(), source.getOptional(),
                    problems);
        }
        if (volume.getSecret() != null) {
            var source = volume.getSecret();
            Secret secret = sent.secrets().get(source.getSecretName());
            if (secret == null) {
                return missing(volume, where, "Secret " + source.getSecretName(), source.getOptional(), problems);
            }
            Map<String, byte[]> entries = ObjectData.ofSecret(secret, where, problems);
            return files(volume, where, entries, source.getItems(), source.getDefaultMode(), source.getOptional(),
                    problems);
        }
        if (volume.getProjected() != null || volume.getDownwardAPI() != null) {
            Integer defaultMode = volume.getProjected() != null
                    ? volume.getProjected().getDefaultMode() : volume.getDownwardAPI().getDefaultMode();
            ConfigMap projected = sent.projected().get(volume.getName());
            if (projected == null) {
                // interLink's DisableProjectedVolumes sends none; its guide says to go on without them.
                LOG.warn("{}: interLink sent no content for this projected volume; it is mounted empty", where);
                return new VolumeContent.Files(volume.getName(), List.of());
            }
            return files(volume, where, ObjectData.ofConfigMap(projected, where, problems), null, defaultMode, false,
                    problems);
        }
        if (volume.getEmptyDir() != null) {
            String medium = volume.getEmptyDir().getMedium();
            if (medium != null && !medium.isEmpty()) {
                problems.add(where + ": emptyDir medium " + medium + " is not supported yet");
            }
            return new VolumeContent.EmptyDir(volume.getName());
        }
        problems.add(where + ": volume type " + VolumeTypes.of(volume) + " is not supported");
        return new VolumeContent.EmptyDir(volume.getName());
    }

    private static VolumeContent missing(Volume volume, String where, String object, Boolean optional,
            List<String> problems) {
        if (!Boolean.TRUE.equals(optional)) {
            problems.add(where + ": " + object + " was not sent with the pod");
        }
        return new VolumeContent.Files(volume.getName(), List.of());
    }

    private static VolumeContent files(Volume volume, String where, Map<String, byte[]> entries, List<KeyToPath> items,
            Integer defaultMode, Boolean optional, List<String> problems) {
        int mode = FileModes.check(defaultMode, where + ".defaultMode", FileModes.DEFAULT, problems);
        List<VolumeFile> files = new ArrayList<>();
        if (items == null || items.isEmpty()) {
            entries.forEach((key, content) -> files.add(new VolumeFile(key, content, mode)));
        } else {
            for (KeyToPath item : items) {
                byte[] content = entries.get(item.getKey());
                if (content == null) {
                    if (!Boolean.TRUE.equals(optional)) {
                        problems.add(where + ".items[" + item.getKey() + "]: no such key");
                    }
                    continue;
                }
                int itemMode = FileModes.check(item.getMode(), where + ".items[" + item.getKey() + "].mode", mode,
                        problems);
                files.add(new VolumeFile(item.getPath(), content, itemMode));
            }
        }
        Set<String> paths = new LinkedHashSet<>();
        for (VolumeFile file : files) {
            ItemPath.problem(file.path()).ifPresent(problem ->
                    problems.add(where + ": path '" + file.path() + "' " + problem));
            if (!paths.add(file.path())) {
                problems.add(where + ": path '" + file.path() + "' is written twice");
            }
        }
        return new VolumeContent.Files(volume.getName(), files);
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : list;
    }
}
