package eu.interlink.jvm.docker.volumes;

import java.nio.file.Path;
import java.util.List;

/**
 * What one pod volume holds once written: files from Kubernetes objects or the Downward API, an empty shared folder
 * (on disk or in memory), or a path of the host.
 */
public sealed interface VolumeContent {

    /** The volume's name in the pod spec. */
    String name();

    /**
     * A volume made of files: a ConfigMap, a Secret or a projected volume.
     *
     * @param name  the volume's name in the pod spec
     * @param files its files; never null
     */
    record Files(String name, List<VolumeFile> files) implements VolumeContent {

        public Files {
            files = List.copyOf(files);
        }
    }

    /**
     * An {@code emptyDir}: a folder the pod's containers share, empty at start, removed with the pod.
     *
     * @param name the volume's name in the pod spec
     */
    record EmptyDir(String name) implements VolumeContent {
    }

    /**
     * An {@code emptyDir} with {@code medium: Memory}: a folder with a tmpfs mounted on it inside the sandbox, which
     * the pod's containers share for as long as the pod lives, as in Kubernetes.
     *
     * @param name      the volume's name in the pod spec
     * @param sizeBytes its {@code sizeLimit}, or null for tmpfs's default (half the memory)
     */
    record MemoryDir(String name, Long sizeBytes) implements VolumeContent {
    }

    /**
     * A {@code hostPath}: a path of the host, mounted into the pod's own sandbox at the same path, then into its
     * containers.
     *
     * @param name the volume's name in the pod spec
     * @param path absolute and normalized
     * @param type what must be there ({@code Directory}, {@code FileOrCreate}, ...); empty for no check
     */
    record HostPath(String name, Path path, String type) implements VolumeContent {
    }
}
