package eu.interlink.jvm.docker.sandbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Names and places a sandbox's things: its id, its folder {@code <DataRootFolder>/sandboxes/<id>/} (bind-mounted at
 * the same path inside it), the inner engine's socket in that folder, its container, volume, cgroup parent and claim.
 */
public final class SandboxLayout {

    /** The longest path a unix socket can have on Linux: {@code sun_path} holds 108 bytes with the final NUL. */
    public static final int MAX_SOCKET_PATH_BYTES = 107;

    private static final int ID_BYTES = 6;
    private static final String PREFIX = "interlink-sandbox-";
    private static final String CLAIM_PREFIX = "interlink-claim-";

    private final Path dataRootFolder;
    private final SecureRandom random = new SecureRandom();

    /** @param dataRootFolder an absolute folder */
    public SandboxLayout(Path dataRootFolder) {
        this.dataRootFolder = dataRootFolder;
    }

    /** The folder under which sandbox folders live ({@code DataRootFolder}). */
    public Path dataRootFolder() {
        return dataRootFolder;
    }

    /** A new random sandbox id: 12 lower-case hex digits. */
    public String newId() {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The folder that holds the sandboxes' folders. */
    public Path sandboxesFolder() {
        return dataRootFolder.resolve("sandboxes");
    }

    /** The sandbox's folder, shared with it at the same path. */
    public Path folder(String id) {
        return sandboxesFolder().resolve(id);
    }

    /** The socket the sandbox's inner engine listens on. */
    public Path socket(String id) {
        return folder(id).resolve("docker.sock");
    }

    /** The name of the sandbox's container on the host engine. */
    public String containerName(String id) {
        return PREFIX + id;
    }

    /** The name of the volume that holds the sandbox's {@code /var/lib/docker}. */
    public String volumeName(String id) {
        return PREFIX + id;
    }

    /** The name of the container that claims the sandbox for a pod: unique, so that two claims cannot both succeed. */
    public String claimName(String id) {
        return CLAIM_PREFIX + id;
    }

    /** The cgroup the inner engine puts the pod's containers under, unique per sandbox. */
    public String cgroupParent(String id) {
        return PREFIX + id;
    }

    /**
     * Checks that the sandbox's socket path fits in a unix socket address.
     *
     * @throws IllegalArgumentException naming DataRootFolder when it does not
     */
    public void requireSocketFits(String id) {
        Path socket = socket(id);
        int length = bytes(socket);
        if (length > MAX_SOCKET_PATH_BYTES) {
            int longestRoot = MAX_SOCKET_PATH_BYTES - (length - bytes(dataRootFolder));
            throw new IllegalArgumentException("the sandbox socket path " + socket + " is " + length
                    + " bytes, over the " + MAX_SOCKET_PATH_BYTES + "-byte limit of unix sockets; choose a DataRootFolder"
                    + " of at most " + longestRoot + " bytes");
        }
    }

    /** Checks that the socket path of any sandbox id this layout makes fits in a unix socket address. */
    public void requireSocketFits() {
        requireSocketFits("0".repeat(ID_BYTES * 2));
    }

    private static int bytes(Path path) {
        return path.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
