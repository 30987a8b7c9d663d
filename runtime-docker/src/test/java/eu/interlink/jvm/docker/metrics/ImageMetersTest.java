package eu.interlink.jvm.docker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** Moves and pulls are timed by outcome, and the bytes of a move counted as they are read. */
class ImageMetersTest {

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final ImageMeters images = new ImageMeters(meters);

    @Test
    void theBytesOfAnArchiveAreCountedAsTheyAreReadWhateverTheReadCalls() throws IOException {
        try (InputStream archive = images.counting(new ByteArrayInputStream(new byte[10_000]))) {
            assertThat(archive.read()).isZero();
            assertThat(archive.read(new byte[999])).isEqualTo(999);
            assertThat(movedBytes()).isEqualTo(1000);

            assertThat(archive.readAllBytes()).hasSize(9000);
            assertThat(archive.read()).isEqualTo(-1);
        }

        assertThat(movedBytes()).isEqualTo(10_000);
    }

    @Test
    void movesAndPullsAreTimedByOutcome() {
        images.move(() -> { });
        images.pull(() -> { });
        assertThatThrownBy(() -> images.pull(() -> {
            throw new IllegalStateException("no registry answers");
        })).hasMessage("no registry answers");
        assertThatThrownBy(() -> images.move(() -> {
            throw new CancellationException("the pod was deleted");
        })).isInstanceOf(CancellationException.class);

        assertThat(count("interlink.image.moves", "succeeded")).isEqualTo(1);
        assertThat(count("interlink.image.moves", "cancelled")).isEqualTo(1);
        assertThat(count("interlink.image.moves", "failed")).isZero();
        assertThat(count("interlink.image.pulls", "succeeded")).isEqualTo(1);
        assertThat(count("interlink.image.pulls", "failed")).isEqualTo(1);
    }

    private double movedBytes() {
        return meters.get("interlink.image.moved.bytes").counter().count();
    }

    private long count(String name, String outcome) {
        Timer found = meters.find(name).tag("outcome", outcome).timer();
        return found == null ? 0 : found.count();
    }
}
