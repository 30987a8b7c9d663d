package eu.interlink.jvm.docker.volumes;

import java.util.List;
import java.util.Map;

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

    /** The mounts of one container; empty when it mounts nothing. */
    public List<MountSpec> mountsOf(String container) {
        return mounts.getOrDefault(container, List.of());
    }
}
