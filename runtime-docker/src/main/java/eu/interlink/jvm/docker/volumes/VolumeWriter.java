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
import java.util.stream.Stream;

/**
 * Writes a {@link VolumePlan} into a pod's folder, one folder per volume, and turns mounts into paths.
 *
 * <p>Files get the modes the plan gives them; an {@code emptyDir} is open to every user, as in Kubernetes. With an
 * {@code fsGroup}, as kubelet does, every file and folder of a volume belongs to that group, which may read files
 * (and write those of an {@code emptyDir}), and folders pass their group on to what is made in them. A memory
 * {@code emptyDir} gets its folder here and its tmpfs from {@link MemoryVolumes}; host paths are not written here
 * ({@link HostPathType}). A
 * {@code subPath} is resolved when a container is about to start, following links, and must still lie inside its
 * volume: a container cannot redirect another's mount by planting a symbolic link in a shared {@code emptyDir}.
 */
public final class VolumeWriter {

    private static final Set<PosixFilePermission> OPEN_TO_ALL = EnumSet.allOf(PosixFilePermission.class);

    private static final int SET_GROUP_ID = 02000;
    private static final int GROUP_READ = 0040;
    private static final int GROUP_WRITE = 0020;
    private static final int GROUP_EXECUTE = 0010;

    private final Path root;
    private final Long fsGroup;

    /**
     * @param root    the folder the volumes go into, such as {@code <sandbox folder>/volumes}; created if absent
     * @param fsGroup the pod's {@code securityContext.fsGroup}, or null for none
     */
    public VolumeWriter(Path root, Long fsGroup) {
        this.root = root;
        this.fsGroup = fsGroup;
    }

    /**
     * Writes every volume of the plan.
     *
     * @throws IOException when a file cannot be written; what was written stays for the pod's removal to clear
     */
    public void write(VolumePlan plan) throws IOException {
        for (VolumeContent volume : plan.volumes()) {
            if (volume instanceof VolumeContent.Files files) {
                Path folder = Files.createDirectories(folderOf(volume.name()));
                for (VolumeFile file : files.files()) {
                    writeFile(folder, file);
                }
                giveToGroup(folder, GROUP_READ);
            } else if (volume instanceof VolumeContent.EmptyDir) {
                Path folder = Files.createDirectories(folderOf(volume.name()));
                Files.setPosixFilePermissions(folder, OPEN_TO_ALL);
                giveToGroup(folder, GROUP_READ | GROUP_WRITE);
            } else if (volume instanceof VolumeContent.MemoryDir) {
                Files.createDirectories(folderOf(volume.name()));
            }
        }
    }

    /** Gives every file and folder of the volume to the {@code fsGroup}, with these group permissions added. */
    private void giveToGroup(Path folder, int groupMode) throws IOException {
        if (fsGroup == null) {
            return;
        }
        try (Stream<Path> tree = Files.walk(folder)) {
            for (Path path : (Iterable<Path>) tree::iterator) {
                boolean isFolder = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
                int mode = (int) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
                Files.setAttribute(path, "unix:gid", fsGroup.intValue(), LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:mode", mode | groupMode
                        | (isFolder ? SET_GROUP_ID | GROUP_EXECUTE : 0), LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /**
     * The mounts of a container, resolved to paths in the sandbox's folder, or of the host for a {@code hostPath}; a
     * {@code subPath} that does not exist yet is made a folder.
     *
     * @throws IOException when a {@code subPath} leads out of its volume or cannot be made
     */
    public List<ResolvedMount> resolve(VolumePlan plan, String container) throws IOException {
        List<ResolvedMount> resolved = new ArrayList<>();
        for (MountSpec mount : plan.mountsOf(container)) {
            VolumeContent content = plan.volume(mount.volume()).orElseThrow();
            if (content instanceof VolumeContent.HostPath host) {
                resolved.add(new ResolvedMount(host.path().toString(), mount.mountPath(), mount.readOnly()));
                continue;
            }
            Path volume = folderOf(mount.volume()).toRealPath();
            Path source = mount.subPath().isEmpty() ? volume : subPathIn(volume, mount);
            resolved.add(new ResolvedMount(source.toString(), mount.mountPath(), mount.readOnly()));
        }
        return resolved;
    }

    /**
     * Follows the {@code subPath} one element at a time, making each missing folder only once the real path of its
     * parent is known to lie inside the volume: a link planted in the volume cannot make a folder appear outside it.
     */
    private static Path subPathIn(Path volume, MountSpec mount) throws IOException {
        Path at = volume;
        for (Path element : Path.of(mount.subPath())) {
            Path next = at.resolve(element);
            if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(next);
            }
            at = next.toRealPath();
            if (!at.startsWith(volume)) {
                throw new IOException("subPath '" + mount.subPath() + "' of volume " + mount.volume()
                        + " leads out of the volume");
            }
        }
        return at;
    }

    /** The folder of the volume of this name. */
    public Path folderOf(String volume) {
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
