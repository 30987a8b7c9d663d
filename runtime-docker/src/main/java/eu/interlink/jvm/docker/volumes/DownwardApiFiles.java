package eu.interlink.jvm.docker.volumes;

import eu.interlink.jvm.api.wire.PodFields;
import eu.interlink.jvm.docker.spec.SpecContainers;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeSource;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files of a {@code downwardAPI} volume, as kubelet writes them: each item's value from the pod's metadata
 * ({@code fieldRef}: name, namespace, uid, labels and annotations) or from one of its containers' resources
 * ({@code resourceFieldRef}, which names the container). interLink usually sends such a volume as a projected one;
 * one that reaches the runtime as it is gets the same files.
 */
final class DownwardApiFiles {

    private DownwardApiFiles() {
    }

    /** The volume's files; each item that cannot be rendered is a problem, named after {@code where}. */
    static List<VolumeFile> of(Pod pod, DownwardAPIVolumeSource source, String where, List<String> problems) {
        int defaultMode = FileModes.check(source.getDefaultMode(), where + ".defaultMode", FileModes.DEFAULT, problems);
        List<VolumeFile> files = new ArrayList<>();
        for (DownwardAPIVolumeFile item : source.getItems() == null ? List.<DownwardAPIVolumeFile>of() : source.getItems()) {
            String at = where + ".downwardAPI.items[" + item.getPath() + "]";
            Optional<String> problem = ItemPath.problem(item.getPath());
            if (problem.isPresent()) {
                problems.add(at + ": path " + problem.get());
                continue;
            }
            int mode = FileModes.check(item.getMode(), at + ".mode", defaultMode, problems);
            valueOf(pod, item, at, problems).ifPresent(value ->
                    files.add(new VolumeFile(item.getPath(), value.getBytes(StandardCharsets.UTF_8), mode)));
        }
        return files;
    }

    private static Optional<String> valueOf(Pod pod, DownwardAPIVolumeFile item, String at, List<String> problems) {
        if (item.getFieldRef() != null) {
            String fieldPath = item.getFieldRef().getFieldPath() == null ? "" : item.getFieldRef().getFieldPath();
            Optional<String> value = PodFields.metadata(pod, fieldPath);
            if (value.isEmpty()) {
                problems.add(at + ": fieldRef " + fieldPath + " is not supported in a downwardAPI volume (metadata.name,"
                        + " .namespace, .uid, .labels and .annotations are)");
            }
            return value;
        }
        if (item.getResourceFieldRef() != null) {
            String name = item.getResourceFieldRef().getContainerName();
            Optional<Container> container = SpecContainers.of(pod.getSpec())
                    .filter(candidate -> candidate.getName().equals(name)).findFirst();
            if (container.isEmpty()) {
                problems.add(at + ": resourceFieldRef names no container of the pod ('" + name + "')");
                return Optional.empty();
            }
            return PodFields.resource(container.get(), item.getResourceFieldRef(), at, problems);
        }
        problems.add(at + ": needs a fieldRef or a resourceFieldRef");
        return Optional.empty();
    }
}
