package eu.interlink.jvm.docker.volumes;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Kubernetes' {@code hostPath.type} checks, done on the host as kubelet does them before a pod starts, with kubelet's
 * messages: {@code DirectoryOrCreate} and {@code FileOrCreate} make what is missing (0755 and 0644; a file's folder
 * must exist), the other types only look. Links are followed, as {@code stat} does, and where they lead must still be
 * allowed.
 */
public final class HostPathType {

    /** The types Kubernetes knows; the empty one checks nothing. */
    static final List<String> NAMES = List.of("", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket",
            "CharDevice", "BlockDevice");

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
     * Checks the volume's path, making it when its type says so; why the pod cannot start, or empty when it can.
     *
     * @param refusals why a path may not be mounted ({@link eu.interlink.jvm.docker.security.PodPolicy}), asked
     *                 again of where the volume's path leads once its links are followed
     */
    public static Optional<String> prepare(VolumeContent.HostPath volume, Function<Path, List<String>> refusals) {
        Path path = volume.path();
        try {
            Optional<String> problem = check(path, volume.type());
            if (problem.isPresent()) {
                return problem.map(why -> "MountVolume.SetUp failed for volume \"" + volume.name()
                        + "\" : hostPath type check failed: " + path + " " + why);
            }
            Path target = Files.exists(path) ? path.toRealPath() : path;
            List<String> refused = target.equals(path) ? List.of() : refusals.apply(target);
            return refused.isEmpty() ? Optional.empty() : Optional.of("spec.volumes[" + volume.name()
                    + "].hostPath.path: " + path + " leads to " + target + ": " + String.join("; ", refused));
        } catch (IOException e) {
            return Optional.of("MountVolume.SetUp failed for volume \"" + volume.name() + "\" : " + path + ": " + e);
        }
    }

    private static Optional<String> check(Path path, String type) throws IOException {
        return switch (type) {
            case "DirectoryOrCreate" -> {
                if (!Files.exists(path)) {
                    makeFolder(path);
                }
                yield Files.isDirectory(path) ? Optional.empty() : Optional.of("is not a directory");
            }
            case "Directory" -> Files.isDirectory(path) ? Optional.empty() : Optional.of("is not a directory");
            case "FileOrCreate" -> {
                if (!Files.exists(path)) {
                    makeFile(path);
                }
                yield Files.isRegularFile(path) ? Optional.empty() : Optional.of("is not a file");
            }
            case "File" -> Files.isRegularFile(path) ? Optional.empty() : Optional.of("is not a file");
            case "Socket" -> is(path, SOCKET) ? Optional.empty() : Optional.of("is not a socket file");
            case "CharDevice" -> is(path, CHAR_DEVICE) ? Optional.empty() : Optional.of("is not a character device");
            case "BlockDevice" -> is(path, BLOCK_DEVICE) ? Optional.empty() : Optional.of("is not a block device");
            default -> Optional.empty();
        };
    }

    private static void makeFolder(Path path) throws IOException {
        Files.createDirectories(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    private static void makeFile(Path path) throws IOException {
        try {
            Files.createFile(path);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (NoSuchFileException | FileAlreadyExistsException e) {
            // No folder for it (the check then says it is not a file), or made meanwhile: the check looks again.
        }
    }

    private static boolean is(Path path, int format) throws IOException {
        if (!Files.exists(path)) {
            return false;
        }
        return ((int) Files.getAttribute(path, "unix:mode") & FORMAT) == format;
    }
}
