package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.docker.lifecycle.PodRemovals;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A removal that fails is tried again, and each failure says what was left behind. */
class RemovalRetryTest {

    @Test
    void aRemovalThatFailsIsTriedAgainUntilItSucceedsAndSaysWhatItLeftBehind() throws IOException {
        Logger removals = (Logger) LoggerFactory.getLogger(PodRemovals.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        removals.addAppender(log);
        try (RuntimeFixture fixture = RuntimeFixture.open()) {
            Pod pod = pod("stubborn", shell("main", "sleep 300"));
            CreateResponse created = fixture.create(pod);
            fixture.awaitStatus(pod, status -> status.containers().get(0).getState().getRunning() != null);
            String volume = fixture.volumesOf(pod).get(0).getName();
            // Docker refuses to remove a volume that a container uses.
            String user = fixture.docker.createContainerCmd(RuntimeFixture.BUSYBOX).withCmd("sleep", "300")
                    .withLabels(fixture.ownLabels())
                    .withHostConfig(HostConfig.newHostConfig().withBinds(new Bind(volume, new Volume("/data"))))
                    .exec().getId();
            fixture.docker.startContainerCmd(user).exec();

            fixture.runtime.delete(pod);

            ILoggingEvent failure = await().atMost(Duration.ofSeconds(30))
                    .until(() -> log.list.stream().filter(event -> event.getFormattedMessage().contains("stubborn"))
                            .findFirst().orElse(null), event -> event != null);
            assertThat(failure.getFormattedMessage())
                    .contains("Removing pod tests/stubborn (" + pod.getMetadata().getUid() + ") failed (attempt 1 of 4)")
                    .contains("volume is in use")
                    .contains("left behind: [volume " + volume + ", folder "
                            + fixture.dataRoot.resolve("sandboxes").resolve(created.podJid()) + ", claim "
                            + RuntimeFixture.CLAIM_PREFIX + created.podJid() + "]");

            fixture.docker.removeContainerCmd(user).withForce(true).exec();

            fixture.awaitNothingLeftOf(pod, created.podJid());
        } finally {
            removals.detachAppender(log);
        }
    }
}
