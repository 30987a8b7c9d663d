package eu.interlink.jvm.docker.volumes;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Kubernetes' {@code hostPath.type} checks, done on the host as kubelet does them before a pod starts, with kubelet's
 * messages: {@code DirectoryOrCreate} and {@code FileOrCreate} make what is missing (0755 and 0644; a file's folder
 * must exist), the other types only look, and the empty type checks nothing. Before anything is looked at or made,
 * the path's links are followed, those of its missing end too, and where they lead must be allowed: what is made is
 * made there, one element at a time and never through a link, and that is what the sandbox mounts.
 */
public final class HostPathType {

    /** The types Kubernetes knows; the empty one checks nothing. */
    static final List<String> NAMES = List.of("", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket",
            "CharDevice", "BlockDevice");

    /** As many links as Linux follows in one path before it gives up with {@code ELOOP}. */
    private static final int MAX_LINKS = 40;
    private static final int FORMAT = 0170000;
    private static final int SOCKET = 0140000;
    private static final int CHAR_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;

    private HostPathType() {
    }

    static boolean isKnown(String type) {
        return NAMES.contains(type);
    }

    /**
     * Follows the volume's path to where it leads, checks that against the operator's policy, makes what is missing
     * when the type says so, then checks the type.
     *
     * @param refusals why a path may not be mounted ({@link eu.interlink.jvm.docker.security.PodPolicy}), asked of
     *                 where the volume's path leads once its links are followed
     * @return where the volume's path leads, without links: what the sandbox must mount. For the empty type it may be
     *         missing, and the engine makes it a folder, as kubelet's runtimes do
     * @throws InvalidPodException why the pod cannot start
     */
    public static Path prepare(VolumeContent.HostPath volume, Function<Path, List<String>> refusals) {
        Path path = volume.path();
        try {
            Path target = resolve(path);
            List<String> refused = refusals.apply(target);
            if (!refused.isEmpty()) {
                throw new InvalidPodException("spec.volumes[" + volume.name() + "].hostPath.path: " + path
                        + (target.equals(path) ? "" : " resolves through a link to " + target) + ": "
                        + String.join("; ", refused));
            }
            Optional<String> problem = check(target, volume.type());
            if (problem.isPresent()) {
                throw new InvalidPodException("MountVolume.SetUp failed for volume \"" + volume.name()
                        + "\" : hostPath type check failed: " + path + " " + problem.get());
            }
            if (Files.exists(target) && !target.toRealPath().equals(target)) {
                throw new InvalidPodException("spec.volumes[" + volume.name() + "].hostPath.path: " + path
                        + " changed while it was checked: it now leads to " + target.toRealPath());
            }
            return target;
        } catch (IOException e) {
            throw new InvalidPodException("MountVolume.SetUp failed for volume \"" + volume.name() + "\" : " + path
                    + ": " + e);
        }
    }

    /**
     * The path with each of its links replaced by where it leads, as {@code realpath -m} gives it: the elements past
     * the last one that exists are kept as written.
     */
    static Path resolve(Path path) throws IOException {
        Path resolved = path.getRoot();
        Deque<String> rest = new ArrayDeque<>();
        path.forEach(element -> rest.addLast(element.toString()));
        int links = 0;
        while (!rest.isEmpty()) {
            String element = rest.removeFirst();
            if (element.equals("..")) {
                resolved = resolved.getParent() == null ? resolved : resolved.getParent();
                continue;
            }
            if (element.equals(".")) {
                continue;
            }
            Path next = resolved.resolve(element);
            if (!Files.isSymbolicLink(next)) {
                resolved = next;
                continue;
            }
            if (++links > MAX_LINKS) {
                throw new IOException("too many levels of symbolic links");
            }
            Path link = Files.readSymbolicLink(next);
            List<String> linked = new ArrayList<>();
            link.forEach(linkElement -> linked.add(linkElement.toString()));
            for (int index = linked.size() - 1; index >= 0; index--) {
                rest.addFirst(linked.get(index));
            }
            if (link.isAbsolute()) {
                resolved = link.getRoot();
            }
        }
        return resolved;
    }

    private static Optional<String> check(Path path, String type) throws IOException {
        return switch (type) {
            case "DirectoryOrCreate" -> {
                makeFolder(path);
                yield Files.isDirectory(path) ? Optional.empty() : Optional.of("is not a directory");
            }
            case "Directory" -> Files.isDirectory(path) ? Optional.empty() : Optional.of("is not a directory");
            case "FileOrCreate" -> {
                makeFile(path);
                yield Files.isRegularFile(path) ? Optional.empty() : Optional.of("is not a file");
            }
            case "File" -> Files.isRegularFile(path) ? Optional.empty() : Optional.of("is not a file");
            case "Socket" -> is(path, SOCKET) ? Optional.empty() : Optional.of("is not a socket file");
            case "CharDevice" -> is(path, CHAR_DEVICE) ? Optional.empty() : Optional.of("is not a character device");
            case "BlockDevice" -> is(path, BLOCK_DEVICE) ? Optional.empty() : Optional.of("is not a block device");
            default -> Optional.empty();
        };
    }

    /**
     * Makes each missing folder of a path without links; {@code mkdir} does not follow a link that takes the place
     * of one meanwhile, and the check after it sees the change.
     */
    private static void makeFolder(Path path) throws IOException {
        Path missing = path;
        while (missing.getParent() != null && !Files.exists(missing.getParent())) {
            missing = missing.getParent();
        }
        for (Path folder = missing; ; folder = folder.resolve(path.getName(folder.getNameCount()))) {
            try {
                Files.createDirectory(folder,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            } catch (FileAlreadyExistsException e) {
                // Was there already, or made meanwhile: the checks after look at what it is.
            }
            if (folder.equals(path)) {
                return;
            }
        }
    }

    /**
     * Makes the file of a path without links; neither {@code O_EXCL} nor the change of its mode follows a link that
     * takes its place meanwhile.
     */
    private static void makeFile(Path path) throws IOException {
        try {
            Files.createFile(path);
            Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setPermissions(PosixFilePermissions.fromString("rw-r--r--"));
        } catch (NoSuchFileException | FileAlreadyExistsException e) {
            // No folder for it (the check then says it is not a file), or there already: the check looks.
        }
    }

    private static boolean is(Path path, int format) throws IOException {
        if (!Files.exists(path)) {
            return false;
        }
        return ((int) Files.getAttribute(path, "unix:mode") & FORMAT) == format;
    }
}
