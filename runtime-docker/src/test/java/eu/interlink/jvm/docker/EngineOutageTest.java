package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.interlink.jvm.api.runtime.Readiness;
import eu.interlink.jvm.api.wire.LogOptions;
import eu.interlink.jvm.api.wire.PodStatus;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * When the host engine stops and comes back (here: a relay between the runtime and the engine is cut, and restored),
 * the runtime keeps answering meanwhile, from what it knows, and once the engine is back it reconnects and reports
 * what changed behind its back: the sandboxes that died, or were removed, while it could not listen; a pod created
 * meanwhile waits, saying why, and starts once the engine is back.
 */
class EngineOutageTest {

    private static final int CALL_TIMEOUT_SECONDS = 5;
    /** The host engine's readiness is at most 5 s old, and is then asked again within the call timeout. */
    private static final Duration NOTICE_TIME = Duration.ofSeconds(5 + CALL_TIMEOUT_SECONDS + 5);
    /** The host's event stream is opened again at most 5 s after the engine is back, then every sandbox is checked. */
    private static final Duration RECONNECT_TIME = Duration.ofSeconds(20);

    @Test
    void whileTheHostEngineIsDownTheRuntimeAnswersAndOnceItIsBackItReportsTheSandboxesThatDiedMeanwhileAndStartsTheNewPods()
            throws IOException {
        try (EngineRelay relay = EngineRelay.to(RuntimeFixture.engineSocket());
                RuntimeFixture fixture = RuntimeFixture.throughSocket(relay.socket(),
                        Map.of("CallTimeoutSeconds", CALL_TIMEOUT_SECONDS))) {
            Pod survivor = pod("survivor", shell("main", "echo alive; sleep 3600"));
            Pod killed = pod("killed-meanwhile", shell("main", "sleep 3600"));
            Pod removed = pod("removed-meanwhile", shell("main", "sleep 3600"));
            Pod deleted = pod("deleted-meanwhile", shell("main", "sleep 3600"));
            Pod newcomer = pod("created-meanwhile", shell("main", "sleep 3600"));
            String killedSandbox = fixture.create(killed).podJid();
            String removedSandbox = fixture.create(removed).podJid();
            String deletedSandbox = fixture.create(deleted).podJid();
            fixture.create(survivor);
            for (Pod pod : new Pod[] {survivor, killed, removed, deleted}) {
                fixture.awaitStatus(pod, running());
            }
            fixture.awaitReady();

            relay.cut();
            try {
                Readiness down = await().atMost(NOTICE_TIME).pollInterval(Duration.ofMillis(200))
                        .until(fixture.runtime::readiness, readiness -> !readiness.ready());
                assertThat(down.detail()).contains("does not answer");
                assertThat(fixture.status(survivor)).matches(running());
                assertThat(fixture.logs(survivor, "main", LogOptions.DEFAULTS)).isEqualTo("alive\n");
                assertThat(fixture.runtime.capacity().cpu()).isNotBlank();
                fixture.runtime.delete(deleted);
                fixture.create(newcomer);
                ContainerStateWaiting held = stateOf(await().atMost(NOTICE_TIME).pollInterval(Duration.ofMillis(200))
                        .until(() -> fixture.status(newcomer), status -> stateOf(status).getWaiting() != null
                                && stateOf(status).getWaiting().getMessage().contains("trying again")))
                        .getWaiting();
                assertThat(held.getReason()).isEqualTo("ContainerCreating");
                assertThat(held.getMessage()).contains(relay.socket().toString()).contains("does not answer");

                // The engine restarts: the sandboxes die, or are removed, while the runtime cannot listen.
                fixture.docker.killContainerCmd("interlink-sandbox-" + killedSandbox).exec();
                fixture.docker.removeContainerCmd("interlink-sandbox-" + removedSandbox).withForce(true).exec();
                ContainerState unknown = stateOf(await().atMost(NOTICE_TIME).pollInterval(Duration.ofMillis(200))
                        .until(() -> fixture.status(killed), status -> stateOf(status).getWaiting() != null));
                assertThat(unknown.getWaiting().getReason()).isEqualTo("ContainerStatusUnknown");
                assertThat(unknown.getWaiting().getMessage()).contains(killedSandbox);
            } finally {
                relay.restore();
            }

            ContainerStateTerminated killedEnded = awaitTerminated(fixture, killed);
            assertThat(killedEnded.getReason()).isEqualTo("ContainerStatusUnknown");
            assertThat(killedEnded.getExitCode()).isEqualTo(137);
            assertThat(killedEnded.getMessage()).contains("sandbox " + killedSandbox + " died")
                    .contains("exited with code 137");
            ContainerStateTerminated removedEnded = awaitTerminated(fixture, removed);
            assertThat(removedEnded.getReason()).isEqualTo("ContainerStatusUnknown");
            assertThat(removedEnded.getMessage()).contains("sandbox " + removedSandbox + " died")
                    .contains("was removed");
            assertThat(fixture.status(survivor)).matches(running());
            fixture.awaitStatus(newcomer, running());
            fixture.awaitReady();
            fixture.awaitNothingLeftOf(deleted, deletedSandbox);
        }
    }

    private static ContainerStateTerminated awaitTerminated(RuntimeFixture fixture, Pod pod) {
        return stateOf(await().atMost(RECONNECT_TIME).pollInterval(Duration.ofMillis(200))
                .until(() -> fixture.status(pod), status -> stateOf(status).getTerminated() != null)).getTerminated();
    }

    private static Predicate<PodStatus> running() {
        return status -> stateOf(status).getRunning() != null;
    }

    private static ContainerState stateOf(PodStatus status) {
        return status.containers().get(0).getState();
    }
}
