package eu.interlink.jvm.docker.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SingleFileTarTest {

    @Test
    void theContentOfTheFirstRegularFileIsRead() throws IOException {
        String content = "nameserver 10.0.0.10\nsearch example\n";

        assertThat(SingleFileTar.read(new ByteArrayInputStream(tar('0', content)))).isEqualTo(content);
    }

    @Test
    void aLinkOrACutArchiveIsRefused() {
        assertThatThrownBy(() -> SingleFileTar.read(new ByteArrayInputStream(tar('2', ""))))
                .isInstanceOf(IOException.class).hasMessageContaining("no regular file");
        byte[] cut = tar('0', "nameserver 10.0.0.10\n");
        assertThatThrownBy(() -> SingleFileTar.read(new ByteArrayInputStream(cut, 0, 520)))
                .isInstanceOf(IOException.class).hasMessage("the archive ends within its first entry");
        assertThatThrownBy(() -> SingleFileTar.read(new ByteArrayInputStream(new byte[100])))
                .isInstanceOf(IOException.class).hasMessage("the archive ends within its first header");
    }

    /** A ustar archive of one entry named resolv.conf, as the engine's archive API writes it. */
    private static byte[] tar(char type, String content) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        byte[] archive = new byte[512 + ((data.length + 511) / 512) * 512 + 1024];
        put(archive, 0, "resolv.conf");
        put(archive, 100, "0000644\0");
        put(archive, 124, String.format("%011o\0", data.length));
        archive[156] = (byte) type;
        put(archive, 257, "ustar\0");
        System.arraycopy(data, 0, archive, 512, data.length);
        return archive;
    }

    private static void put(byte[] archive, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, archive, offset, bytes.length);
    }
}
