package eu.interlink.jvm.host.manifest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Null-safe walks over a pod spec: its containers in interLink's order, and the volumes one container mounts. */
final class PodSpecs {

    private PodSpecs() {
    }

    /** The init containers, then the regular ones. */
    static List<Container> containers(PodSpec spec) {
        return Stream.concat(listOf(spec.getInitContainers()).stream(), listOf(spec.getContainers()).stream())
                .toList();
    }

    /** The volumes of the pod that the container mounts, in the pod's order. */
    static List<Volume> mountedVolumes(PodSpec spec, Container container) {
        Set<String> mounted = listOf(container.getVolumeMounts()).stream().map(VolumeMount::getName)
                .collect(Collectors.toSet());
        return listOf(spec.getVolumes()).stream().filter(volume -> mounted.contains(volume.getName())).toList();
    }

    static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : list;
    }
}
