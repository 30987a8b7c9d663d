package eu.interlink.jvm.docker.network;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the one regular file of a tar stream, as the engine's archive API answers for a file: a 512-byte ustar
 * header, then the content. Meant for small files, such as a container's {@code /etc/resolv.conf}.
 */
final class SingleFileTar {

    private static final int BLOCK = 512;
    private static final int SIZE_OFFSET = 124;
    private static final int SIZE_LENGTH = 12;
    private static final int TYPE_OFFSET = 156;
    private static final int MAX_BYTES = 1 << 20;

    private SingleFileTar() {
    }

    /** @throws IOException when the stream does not begin with a regular file of at most 1 MiB */
    static String read(InputStream tar) throws IOException {
        byte[] header = tar.readNBytes(BLOCK);
        if (header.length < BLOCK) {
            throw new IOException("the archive ends within its first header");
        }
        byte type = header[TYPE_OFFSET];
        if (type != '0' && type != 0) {
            throw new IOException("the archive's first entry is no regular file (type '" + (char) type + "')");
        }
        String octal = new String(header, SIZE_OFFSET, SIZE_LENGTH, StandardCharsets.US_ASCII).replace("\0", "").strip();
        long size;
        try {
            size = Long.parseLong(octal, 8);
        } catch (NumberFormatException e) {
            throw new IOException("the archive's first entry has no size: '" + octal + "'", e);
        }
        if (size > MAX_BYTES) {
            throw new IOException("the archive's first entry has " + size + " bytes, more than " + MAX_BYTES);
        }
        byte[] content = tar.readNBytes((int) size);
        if (content.length < size) {
            throw new IOException("the archive ends within its first entry");
        }
        return new String(content, StandardCharsets.UTF_8);
    }
}
