package eu.interlink.jvm.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class KubeTimeTest {

    @Test
    void writesUtcWithWholeSecondsAsMetav1TimeDoes() {
        assertThat(KubeTime.format(Instant.parse("2026-07-14T10:00:00.999999Z"))).isEqualTo("2026-07-14T10:00:00Z");
    }

    @Test
    void writesAnUnknownTimeAsNullNeverEmpty() {
        assertThat(KubeTime.format(null)).isNull();
    }
}
