package eu.interlink.jvm.docker.volumes;

/**
 * Where a container mounts (part of) a volume, as its {@code volumeMounts} entry says.
 *
 * @param volume    the volume's name
 * @param subPath   a relative path inside the volume to mount instead of the whole; empty for the whole volume
 * @param mountPath the absolute path inside the container
 * @param readOnly  whether the container may not write there
 */
public record MountSpec(String volume, String subPath, String mountPath, boolean readOnly) {
}
