package eu.interlink.jvm.docker.volumes;

/**
 * A mount ready for the sandbox's engine: a path the sandbox sees (in its folder, or a host path it was given at the
 * same path), or the name of one of its engine's volumes.
 *
 * @param source    the file or folder to mount (an absolute path), or the name of a volume of the sandbox's engine
 * @param mountPath the absolute path inside the container
 * @param readOnly  whether the container may not write there
 */
public record ResolvedMount(String source, String mountPath, boolean readOnly) {
}
