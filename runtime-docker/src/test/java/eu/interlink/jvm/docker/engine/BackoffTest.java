package eu.interlink.jvm.docker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    @Test
    void thePauseStartsAtTheFirstAndDoublesUpToTheLongest() {
        List<Long> pauses = Stream.iterate(backoff.first(), backoff::after).limit(9).map(Duration::toSeconds).toList();

        assertThat(backoff.after(null)).isEqualTo(Duration.ofSeconds(1));
        assertThat(pauses).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
    }
}
