package eu.interlink.jvm.docker.volumes;

import eu.interlink.jvm.docker.sandbox.SandboxNeeds;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pod's volumes, decided before anything is written: what each volume holds and where each container mounts it.
 *
 * @param volumes the volumes some container mounts, in spec order; never null
 * @param mounts  per container name, its mounts in spec order; a container without mounts has none; never null
 */
public record VolumePlan(List<VolumeContent> volumes, Map<String, List<MountSpec>> mounts) {

    /** A pod without volumes. */
    public static final VolumePlan NONE = new VolumePlan(List.of(), Map.of());

    public VolumePlan {
        volumes = List.copyOf(volumes);
        mounts = Map.copyOf(mounts);
    }

    /** The volume of this name; empty when no container mounts it. */
    public Optional<VolumeContent> volume(String name) {
        return volumes.stream().filter(volume -> volume.name().equals(name)).findFirst();
    }

    /**
     * The host paths of the pod's {@code hostPath} volumes, which its sandbox must have: empty for most pods. Each is
     * its own source until the start follows its links, and read-only when every mount of it is.
     */
    public List<SandboxNeeds.HostBind> hostPaths() {
        Map<Path, Boolean> readOnly = new LinkedHashMap<>();
        volumes.stream().filter(VolumeContent.HostPath.class::isInstance).map(VolumeContent.HostPath.class::cast)
                .forEach(volume -> readOnly.merge(volume.path(), onlyRead(volume.name()), Boolean::logicalAnd));
        return readOnly.entrySet().stream()
                .map(path -> new SandboxNeeds.HostBind(path.getKey(), path.getKey(), path.getValue())).toList();
    }

    private boolean onlyRead(String volume) {
        return mounts.values().stream().flatMap(List::stream).filter(mount -> mount.volume().equals(volume))
                .allMatch(MountSpec::readOnly);
    }

    /** The mounts of one container; empty when it mounts nothing. */
    public List<MountSpec> mountsOf(String container) {
        return mounts.getOrDefault(container, List.of());
    }
}
