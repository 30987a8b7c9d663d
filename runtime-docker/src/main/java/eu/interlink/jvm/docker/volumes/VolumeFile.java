package eu.interlink.jvm.docker.volumes;

/**
 * One file of a volume: where it goes inside the volume, what it holds, and its permission bits.
 *
 * @param path    a relative path that stays inside the volume (checked by {@link ItemPath})
 * @param content the bytes to write
 * @param mode    POSIX permission bits, such as {@code 0644}
 */
public record VolumeFile(String path, byte[] content, int mode) {
}
