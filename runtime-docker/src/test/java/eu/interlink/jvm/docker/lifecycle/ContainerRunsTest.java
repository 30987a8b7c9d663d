package eu.interlink.jvm.docker.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a spec container's runs keep of what Docker says, when inspections race and runs follow each other. */
class ContainerRunsTest {

    private static final Instant STARTED = Instant.parse("2026-07-14T10:00:00Z");
    private static final Reason GONE = new Reason("ContainerStatusUnknown", "container abc123 is gone");

    private static ContainerSnapshot snapshot(String containerId, String status) {
        boolean exited = status.equals("exited");
        return new ContainerSnapshot(containerId, null, status, exited ? 2 : 0, false, null, STARTED,
                exited ? STARTED.plusSeconds(1) : null);
    }

    @Test
    void aSnapshotThatHasComeFurtherReplacesTheLastAndAnOlderOneNeverDoes() {
        ContainerRuns exited = ContainerRuns.first("abc123").observed(snapshot("abc123", "running"))
                .observed(snapshot("abc123", "exited"));

        assertThat(exited.current().status()).isEqualTo("exited");
        assertThat(exited.observed(snapshot("abc123", "running")).current().status()).isEqualTo("exited");
        assertThat(exited.observed(snapshot("abc123", "created")).current().status()).isEqualTo("exited");
        assertThat(exited.ended()).isTrue();
    }

    @Test
    void aKillForMemoryToldAfterTheEndIsKeptWithTheTerminationMessageReadAtTheEnd() {
        ContainerSnapshot ended = new ContainerSnapshot("abc123", null, "exited", 137, false, null, STARTED,
                STARTED.plusSeconds(1)).withTerminationMessage("out of memory soon");
        ContainerSnapshot oomKilled = new ContainerSnapshot("abc123", null, "exited", 137, true, null, STARTED,
                STARTED.plusSeconds(1));

        ContainerRuns runs = ContainerRuns.first("abc123").observed(ended).observed(oomKilled);

        assertThat(runs.current().oomKilled()).isTrue();
        assertThat(runs.current().terminationMessage()).isEqualTo("out of memory soon");
    }

    @Test
    void whatIsSaidOfAnotherContainerIsIgnored() {
        ContainerRuns restarted = ContainerRuns.first("abc123").restarted("def456", snapshot("abc123", "exited"),
                Duration.ofSeconds(10));

        assertThat(restarted.observed(snapshot("abc123", "exited")).current()).isNull();
        assertThat(restarted.observed(snapshot("def456", "running")).current().status()).isEqualTo("running");
        assertThat(restarted.restartCount()).isEqualTo(1);
        assertThat(restarted.previous().containerId()).isEqualTo("abc123");
    }

    @Test
    void aGoneContainerStaysGoneAndEndedAndOnlyForItsOwnId() {
        ContainerRuns running = ContainerRuns.first("abc123").observed(snapshot("abc123", "running"));

        assertThat(running.lost("def456", GONE).lost()).isNull();
        ContainerRuns gone = running.lost("abc123", GONE);
        assertThat(gone.lost()).isEqualTo(GONE);
        assertThat(gone.ended()).isTrue();
        assertThat(gone.observed(snapshot("abc123", "exited")).lost()).isEqualTo(GONE);
    }
}
