package eu.interlink.jvm.docker.volumes;

import java.util.List;

/** What one pod volume holds once written: files from Kubernetes objects, or an empty shared folder. */
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
}
