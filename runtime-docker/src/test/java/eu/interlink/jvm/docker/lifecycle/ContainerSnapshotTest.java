package eu.interlink.jvm.docker.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContainerSnapshotTest {

    private static final Instant STARTED = Instant.parse("2026-07-14T10:00:00Z");

    private static ContainerSnapshot docker(String status, long exitCode, String error, Instant finishedAt) {
        return new ContainerSnapshot("abc123", null, status, exitCode, false, error, STARTED, finishedAt);
    }

    @Test
    void dockersZeroTimeIsNoTime() {
        assertThat(ContainerSnapshot.time("0001-01-01T00:00:00Z")).isNull();
        assertThat(ContainerSnapshot.time("")).isNull();
        assertThat(ContainerSnapshot.time(null)).isNull();
        assertThat(ContainerSnapshot.time("2026-07-14T10:00:00.5Z")).isEqualTo(Instant.parse("2026-07-14T10:00:00.5Z"));
    }

    @Test
    void aRunEndsWhenItExitsOrItsStartFailsAndAFailedStartNeverEndsWithZero() {
        assertThat(docker("running", 0, null, null).ended()).isFalse();
        assertThat(docker("created", 0, null, null).ended()).isFalse();
        assertThat(docker("exited", 0, null, STARTED.plusSeconds(3)).ended()).isTrue();
        assertThat(docker("dead", 1, null, null).ended()).isTrue();
        assertThat(docker("created", 127, "exec: not found", null).exitStatus()).isEqualTo(127);
        assertThat(docker("created", 0, "no such device", null).exitStatus()).isEqualTo(128);
    }

    @Test
    void aRunLastsFromItsStartToItsFinishAndNothingWhenDockerDoesNotSay() {
        assertThat(docker("exited", 0, null, STARTED.plusSeconds(3)).ranFor()).isEqualTo(Duration.ofSeconds(3));
        assertThat(docker("created", 1, "failed", null).ranFor()).isZero();
    }
}
