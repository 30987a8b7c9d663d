package eu.interlink.jvm.docker.security;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** Host paths as pods and settings give them: absolute, without {@code ..}, normalized. */
public final class HostPaths {

    private HostPaths() {
    }

    /** The path, normalized, or empty when it is not absolute, has a {@code ..} element or a NUL. */
    public static Optional<Path> parse(String text) {
        if (text == null || !text.startsWith("/") || text.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(text);
            for (Path element : path) {
                if (element.toString().equals("..")) {
                    return Optional.empty();
                }
            }
            return Optional.of(path.normalize());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
