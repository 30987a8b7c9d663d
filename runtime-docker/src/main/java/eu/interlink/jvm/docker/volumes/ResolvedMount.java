package eu.interlink.jvm.docker.volumes;

import java.nio.file.Path;

/**
 * A mount ready for a container engine: a path in the sandbox folder, which the sandbox sees at the same path.
 *
 * @param source    the file or folder to mount, inside the pod's volumes folder
 * @param mountPath the absolute path inside the container
 * @param readOnly  whether the container may not write there
 */
public record ResolvedMount(Path source, String mountPath, boolean readOnly) {
}
