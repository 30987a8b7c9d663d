package eu.interlink.jvm.docker.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TombstonesTest {

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {

        private Instant now = Instant.parse("2030-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final HandClock clock = new HandClock();
    private final Tombstones tombstones = new Tombstones(clock, Duration.ofMinutes(10), 3);

    @Test
    void aDeletedUidIsRememberedForItsTimeThenForgotten() {
        tombstones.add("a");

        clock.advance(Duration.ofMinutes(9));
        assertThat(tombstones.contains("a")).isTrue();
        assertThat(tombstones.contains("b")).isFalse();

        clock.advance(Duration.ofMinutes(1));
        assertThat(tombstones.contains("a")).isFalse();
    }

    @Test
    void beyondItsCapacityTheOldestAreForgottenFirst() {
        tombstones.add("a");
        tombstones.add("b");
        tombstones.add("c");
        tombstones.add("a");
        tombstones.add("d");

        assertThat(tombstones.contains("b")).isFalse();
        assertThat(tombstones.contains("c")).isTrue();
        assertThat(tombstones.contains("a")).as("deleted again, so newer than c").isTrue();
        assertThat(tombstones.contains("d")).isTrue();
    }

    @Test
    void aUidDeletedAgainIsRememberedFromItsLastDelete() {
        tombstones.add("a");
        clock.advance(Duration.ofMinutes(8));
        tombstones.add("a");

        clock.advance(Duration.ofMinutes(8));

        assertThat(tombstones.contains("a")).isTrue();
    }
}
