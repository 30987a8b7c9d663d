package eu.interlink.jvm.docker.volumes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a {@link VolumePlan} into a pod's folder, one folder per volume, and turns mounts into paths.
 *
 * <p>Files get the modes the plan gives them; an {@code emptyDir} is open to every user, as in Kubernetes. A
 * {@code subPath} is resolved when a container is about to start, following links, and must still lie inside its
 * volume: a container cannot redirect another's mount by planting a symbolic link in a shared {@code emptyDir}.
 */
public final class VolumeWriter {

    private static final Set<PosixFilePermission> OPEN_TO_ALL = EnumSet.allOf(PosixFilePermission.class);

    private final Path root;

    /** @param root the folder the volumes go into, such as {@code <sandbox folder>/volumes}; created if absent */
    public VolumeWriter(Path root) {
        this.root = root;
    }

    /**
     * Writes every volume of the plan.
     *
     * @throws IOException when a file cannot be written; what was written stays for the pod's removal to clear
     */
    public void write(VolumePlan plan) throws IOException {
        for (VolumeContent volume : plan.volumes()) {
            Path folder = Files.createDirectories(folderOf(volume.name()));
            if (volume instanceof VolumeContent.Files files) {
                for (VolumeFile file : files.files()) {
                    writeFile(folder, file);
                }
            } else {
                Files.setPosixFilePermissions(folder, OPEN_TO_ALL);
            }
        }
    }

    /**
     * The mounts of a container, resolved to paths; a {@code subPath} that does not exist yet is made a folder.
     *
     * @throws IOException when a {@code subPath} leads out of its volume or cannot be made
     */
    public List<ResolvedMount> resolve(List<MountSpec> mounts) throws IOException {
        List<ResolvedMount> resolved = new ArrayList<>();
        for (MountSpec mount : mounts) {
            Path volume = folderOf(mount.volume()).toRealPath();
            Path source = volume;
            if (!mount.subPath().isEmpty()) {
                source = volume.resolve(mount.subPath());
                if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(source);
                }
                source = source.toRealPath();
                if (!source.startsWith(volume)) {
                    throw new IOException("subPath '" + mount.subPath() + "' of volume " + mount.volume()
                            + " leads out of the volume");
                }
            }
            resolved.add(new ResolvedMount(source, mount.mountPath(), mount.readOnly()));
        }
        return resolved;
    }

    private Path folderOf(String volume) {
        return root.resolve(volume);
    }

    private static void writeFile(Path folder, VolumeFile file) throws IOException {
        Path target = folder.resolve(file.path()).normalize();
        if (!target.startsWith(folder)) {
            throw new IOException("path '" + file.path() + "' leads out of volume " + folder.getFileName());
        }
        Files.createDirectories(target.getParent());
        Files.write(target, file.content(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        Files.setPosixFilePermissions(target, PosixModes.of(file.mode()));
    }
}
