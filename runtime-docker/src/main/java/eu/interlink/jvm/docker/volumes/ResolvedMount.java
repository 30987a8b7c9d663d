package eu.interlink.jvm.docker.volumes;

/**
 * A mount ready for the sandbox's engine: a path the sandbox sees, in its folder, or a host path it was given at the
 * same path.
 *
 * @param source    the absolute path of the file or folder to mount
 * @param mountPath the absolute path inside the container
 * @param readOnly  whether the container may not write there
 */
public record ResolvedMount(String source, String mountPath, boolean readOnly) {
}
