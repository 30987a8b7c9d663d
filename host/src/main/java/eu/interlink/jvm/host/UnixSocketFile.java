package eu.interlink.jvm.host;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;

/**
 * The file of the unix domain socket the host listens on: cleared before binding, made private after, removed on
 * stop.
 */
public final class UnixSocketFile {

    private final Path path;

    /** @param path the socket's file */
    public UnixSocketFile(Path path) {
        this.path = path;
    }

    /**
     * Removes a socket file left by a plugin that did not stop cleanly, so that binding succeeds.
     *
     * @throws HostStartException when the path is something other than a socket, or a live plugin listens on it
     */
    void clearStale() {
        if (requireUsable()) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new HostStartException("cannot remove the stale socket " + path + ": " + e, e);
            }
        }
    }

    /**
     * Checks, changing nothing, that the host could listen here: no file, or a socket nobody listens on.
     *
     * @return whether a stale socket file is there, which binding would first remove
     * @throws HostStartException when the path is something other than a socket, or a live plugin listens on it
     */
    public boolean requireUsable() {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new HostStartException("cannot inspect " + path + ": " + e, e);
        }
        if (!attributes.isOther()) {
            throw new HostStartException("cannot listen on unix://" + path + ": it is a "
                    + (attributes.isDirectory() ? "directory" : attributes.isSymbolicLink() ? "symbolic link" : "regular file")
                    + ", not a socket; remove it or set Socket to another path", null);
        }
        if (isListening()) {
            throw new HostStartException("cannot listen on unix://" + path + ": another process is listening on it", null);
        }
        return true;
    }

    /** Lets only the plugin's user connect: the socket has no other access control. */
    void restrict() {
        try {
            Files.setPosixFilePermissions(path, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        } catch (IOException e) {
            throw new HostStartException("cannot make " + path + " private to its owner: " + e, e);
        }
    }

    /** Removes the socket file, if it is still there. */
    void remove() throws IOException {
        Files.deleteIfExists(path);
    }

    private boolean isListening() {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return channel.connect(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            return false;
        }
    }
}
