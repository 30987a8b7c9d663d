package eu.interlink.jvm.docker.volumes;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks a path that a request puts inside a volume (an item's {@code path}, a mount's {@code subPath}): it must be
 * relative and must not climb out of the volume, whatever the request says.
 */
final class ItemPath {

    private ItemPath() {
    }

    /**
     * Why the path cannot be used inside a volume, or empty when it can.
     *
     * <p>Kubernetes' rules: not empty, not absolute, no {@code ..} element, no NUL.
     */
    static Optional<String> problem(String path) {
        if (path == null || path.isEmpty()) {
            return Optional.of("is empty");
        }
        if (path.indexOf('\0') >= 0) {
            return Optional.of("contains a NUL character");
        }
        if (path.startsWith("/")) {
            return Optional.of("is absolute");
        }
        try {
            for (Path element : Path.of(path)) {
                if (element.toString().equals("..")) {
                    return Optional.of("contains '..'");
                }
            }
        } catch (InvalidPathException e) {
            return Optional.of("is not a valid path");
        }
        return Optional.empty();
    }
}
