package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import eu.interlink.jvm.api.runtime.Readiness;
import eu.interlink.jvm.api.runtime.RuntimeUnavailableException;
import eu.interlink.jvm.api.wire.LogOptions;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * Every Docker call has a timeout, and no request waits on Docker without one: while the host engine hangs (here: a
 * relay between the runtime and the engine accepts connections and never answers), each call of the runtime returns
 * within the call timeout and a margin, answering what it knows, and what it could not do is done or reported once
 * the engine answers again.
 */
class EngineHangTest {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
    /** Room for a busy machine: a call that waited on the engine without a bound would wait for ever. */
    private static final Duration BOUND = CALL_TIMEOUT.plusSeconds(5);
    private static final String NETWORK = "ilj-hang-test-network";

    @Test
    void whileTheHostEngineHangsEveryCallReturnsWithinTheCallTimeoutAnsweringWhatItKnows() throws IOException {
        try (EngineRelay relay = EngineRelay.to(RuntimeFixture.engineSocket());
                RuntimeFixture fixture = RuntimeFixture.throughSocket(relay.socket(),
                        Map.of("CallTimeoutSeconds", (int) CALL_TIMEOUT.toSeconds(), "PodIpNetwork", NETWORK))) {
            Pod running = pod("running", shell("main", "echo alive; sleep 3600"));
            Pod deleted = pod("deleted-while-hung", shell("main", "sleep 3600"));
            fixture.create(running);
            String deletedSandbox = fixture.create(deleted).podJid();
            fixture.awaitStatus(running, status -> stateOf(status).getRunning() != null);
            fixture.awaitStatus(deleted, status -> stateOf(status).getRunning() != null);
            fixture.awaitReady();
            Pod created = pod("created-while-hung", shell("main", "sleep 3600"));

            relay.blackhole();
            try {
                assertThat(within(() -> fixture.status(running)))
                        .matches(status -> stateOf(status).getRunning() != null);
                assertThat(within(() -> fixture.logs(running, "main", LogOptions.DEFAULTS))).isEqualTo("alive\n");
                assertThat(within(fixture.runtime::capacity).cpu()).isNotBlank();
                assertThat(within(() -> fixture.create(created).podJid())).isNotBlank();
                assertTimeoutPreemptively(BOUND, () -> fixture.runtime.delete(deleted));
                assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> fixture.create(new RetrievedPodData(
                        withFixedIp(pod("fixed-ip-while-hung", shell("main", "true"))), null)))
                        .isInstanceOf(RuntimeUnavailableException.class)
                        .hasMessageContaining(NETWORK).hasMessageContaining("no answer within 3 s"));
                Readiness down = await().atMost(Duration.ofSeconds(5).plus(BOUND)).pollInterval(Duration.ofMillis(200))
                        .until(() -> within(fixture.runtime::readiness), readiness -> !readiness.ready());
                assertThat(down.detail()).contains(relay.socket().toString()).contains("does not answer");
                ContainerState held = stateOf(await().atMost(BOUND.multipliedBy(2))
                        .pollInterval(Duration.ofMillis(200)).until(() -> within(() -> fixture.status(created)),
                                status -> stateOf(status).getWaiting() != null
                                        && stateOf(status).getWaiting().getMessage().contains("trying again")));
                assertThat(held.getWaiting().getMessage()).contains(relay.socket().toString())
                        .contains("does not answer");
            } finally {
                relay.restore();
            }

            fixture.awaitStatus(created, status -> stateOf(status).getRunning() != null);
            fixture.awaitReady();
            fixture.awaitNothingLeftOf(deleted, deletedSandbox);
            assertThat(fixture.status(running)).matches(status -> stateOf(status).getRunning() != null);
        }
    }

    private static <T> T within(ThrowingSupplier<T> call) {
        return assertTimeoutPreemptively(BOUND, call);
    }

    private static Pod withFixedIp(Pod pod) {
        return new PodBuilder(pod).editMetadata().addToAnnotations("interlink.eu/pod-ip", "10.99.0.7").endMetadata()
                .build();
    }

    private static ContainerState stateOf(PodStatus status) {
        return status.containers().get(0).getState();
    }
}
