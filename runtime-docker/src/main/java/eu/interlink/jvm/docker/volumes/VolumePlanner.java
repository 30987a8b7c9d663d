package eu.interlink.jvm.docker.volumes;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.docker.security.HostPaths;
import eu.interlink.jvm.docker.spec.DnsLabel;
import eu.interlink.jvm.docker.spec.ObjectData;
import eu.interlink.jvm.docker.spec.SentObjects;
import eu.interlink.jvm.docker.spec.SpecContainers;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides a pod's volumes from its spec and the objects interLink sent with it, before anything is written.
 *
 * <p>ConfigMaps, Secrets, projected and {@code downwardAPI} volumes become files, with their {@code items},
 * {@code defaultMode} and {@code mode}; an {@code emptyDir} becomes a shared folder, in memory for
 * {@code medium: Memory}; a {@code hostPath} stays where it is (whether the operator allows it is
 * {@link eu.interlink.jvm.docker.security.PodPolicy}'s to say). Every problem is found, not only the first, and they
 * are reported together in one {@link InvalidPodException}: a volume no object was sent for, an item path that would
 * leave its volume, data that is not base64, a volume type this runtime does not offer. Volumes no container mounts
 * are left out, as interLink does. Stateless and thread-safe.
 */
public final class VolumePlanner {

    private static final Logger LOG = LoggerFactory.getLogger(VolumePlanner.class);
    private static final String NO_PROPAGATION = "None";
    private static final String MEMORY = "Memory";

    /**
     * Plans the volumes of a pod.
     *
     * @param pod  the pod
     * @param sent the objects interLink sent with the pod
     * @throws InvalidPodException naming every volume or mount that cannot be honoured
     */
    public VolumePlan plan(Pod pod, SentObjects sent) {
        PodSpec spec = pod.getSpec();
        List<String> problems = new ArrayList<>();
        Map<String, Volume> volumes = volumesByName(spec, problems);
        Map<String, List<MountSpec>> mounts = new LinkedHashMap<>();
        Set<String> mounted = new LinkedHashSet<>();
        SpecContainers.of(spec).forEach(container -> mounts.put(container.getName(),
                mountsOf(container, volumes, mounted, problems)));
        List<VolumeContent> contents = new ArrayList<>();
        for (Volume volume : volumes.values()) {
            if (mounted.contains(volume.getName())) {
                contents.add(contentOf(pod, volume, sent, problems));
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
            if (!DnsLabel.isValid(name)) {
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
            mountProblem(mount, volumes.get(mount.getName()), paths).ifPresentOrElse(problem -> problems.add(where + ": " + problem),
                    () -> mounts.add(new MountSpec(mount.getName(), subPathOf(mount), mount.getMountPath(),
                            Boolean.TRUE.equals(mount.getReadOnly()))));
        }
        return mounts;
    }

    private static Optional<String> mountProblem(VolumeMount mount, Volume volume, Set<String> paths) {
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
        if (!subPath.isEmpty() && (volume.getHostPath() != null || isMemory(volume))) {
            return Optional.of("subPath is not supported on " + (volume.getHostPath() != null ? "hostPath"
                    : "emptyDir medium Memory") + " volumes");
        }
        return subPath.isEmpty() ? Optional.empty()
                : ItemPath.problem(subPath).map(problem -> "subPath '" + subPath + "' " + problem);
    }

    private static String subPathOf(VolumeMount mount) {
        return mount.getSubPath() == null ? "" : mount.getSubPath();
    }

    private static boolean isMemory(Volume volume) {
        return volume.getEmptyDir() != null && MEMORY.equals(volume.getEmptyDir().getMedium());
    }

    private static VolumeContent contentOf(Pod pod, Volume volume, SentObjects sent, List<String> problems) {
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
        if (volume.getDownwardAPI() != null) {
            return new VolumeContent.Files(volume.getName(),
                    DownwardApiFiles.of(pod, volume.getDownwardAPI(), where, problems));
        }
        if (volume.getProjected() != null) {
            Integer defaultMode = volume.getProjected().getDefaultMode();
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
            return emptyDir(volume, where, problems);
        }
        if (volume.getHostPath() != null) {
            return hostPath(volume, where, problems);
        }
        problems.add(where + ": volume type " + VolumeTypes.of(volume) + " is not supported");
        return new VolumeContent.EmptyDir(volume.getName());
    }

    private static VolumeContent emptyDir(Volume volume, String where, List<String> problems) {
        String medium = volume.getEmptyDir().getMedium();
        Quantity sizeLimit = volume.getEmptyDir().getSizeLimit();
        if (!MEMORY.equals(medium)) {
            if (medium != null && !medium.isEmpty()) {
                problems.add(where + ": emptyDir medium " + medium + " is not supported (\"\" and Memory are)");
            }
            return new VolumeContent.EmptyDir(volume.getName());
        }
        if (sizeLimit == null) {
            return new VolumeContent.MemoryDir(volume.getName(), null);
        }
        try {
            BigDecimal bytes = Quantity.getAmountInBytes(sizeLimit).setScale(0, RoundingMode.CEILING);
            if (bytes.signum() > 0) {
                return new VolumeContent.MemoryDir(volume.getName(), bytes.longValueExact());
            }
        } catch (ArithmeticException | IllegalArgumentException e) {
            // Reported below, as any size that does not fit.
        }
        problems.add(where + ".emptyDir.sizeLimit: expected a positive size such as 64Mi, got " + sizeLimit);
        return new VolumeContent.MemoryDir(volume.getName(), null);
    }

    private static VolumeContent hostPath(Volume volume, String where, List<String> problems) {
        String type = volume.getHostPath().getType() == null ? "" : volume.getHostPath().getType();
        if (!HostPathType.isKnown(type)) {
            problems.add(where + ".hostPath.type: expected one of " + HostPathType.NAMES + ", got '" + type + "'");
        }
        Optional<Path> path = HostPaths.parse(volume.getHostPath().getPath());
        if (path.isEmpty()) {
            problems.add(where + ".hostPath.path: expected an absolute path without '..', got '"
                    + volume.getHostPath().getPath() + "'");
        }
        return new VolumeContent.HostPath(volume.getName(), path.orElse(Path.of("/")), type);
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
