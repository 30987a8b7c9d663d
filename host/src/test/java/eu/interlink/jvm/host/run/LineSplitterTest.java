package eu.interlink.jvm.host.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

    @Test
    void splitsChunksAtLineEndsWhereverTheChunksBreak() throws IOException {
        List<String> lines = new ArrayList<>();
        try (LineSplitter splitter = new LineSplitter(lines::add)) {
            byte[] text = "first\r\nsecö".getBytes(StandardCharsets.UTF_8);
            splitter.write(text, 0, 5);
            splitter.write(text, 5, text.length - 6);
            splitter.write(text[text.length - 1]);
            splitter.write("nd\n\nlast".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(lines).containsExactly("first", "secönd", "", "last");
    }
}
