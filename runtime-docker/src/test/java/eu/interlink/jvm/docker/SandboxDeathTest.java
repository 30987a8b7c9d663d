package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import eu.interlink.jvm.api.runtime.PodNotFoundException;
import eu.interlink.jvm.api.wire.LogOptions;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.docker.engine.Labels;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A sandbox that dies behind the runtime's back (killed, removed, as when the host engine restarts) takes its pod's
 * containers with it: kubelet reports the containers it lost as terminated with reason {@code ContainerStatusUnknown}
 * and SIGKILL's exit code, and so does the runtime, promptly, from the host engine's events, naming the sandbox and
 * what befell it; nothing runs again in a dead sandbox. A frozen sandbox is alive: its containers are unknown, not
 * terminated.
 */
class SandboxDeathTest {

    /** Well within the 30 s between two reconciles: only the host engine's events can tell the runtime so soon. */
    private static final Duration EVENT_TIME = Duration.ofSeconds(10);
    /** Short, so that a restart, were one attempted, would show at once. */
    private static final Duration FIRST_RESTART_PAUSE = Duration.ofSeconds(1);
    private static final int CALL_TIMEOUT_SECONDS = 5;

    @RegisterExtension
    static final SharedRuntime shared = new SharedRuntime(() -> RuntimeFixture.withFirstRestartPause(
            FIRST_RESTART_PAUSE, Map.of("CallTimeoutSeconds", CALL_TIMEOUT_SECONDS)));

    @Test
    void aKilledSandboxEndsItsRunningContainersAsUnknownWithItsExitCodeAndNothingRunsAgainUnderAlways() {
        Pod pod = always(pod("sandbox-killed", shell("main", "sleep 3600")));
        String sandboxId = shared.fixture().create(pod).podJid();
        awaitRunning(pod);

        shared.fixture().docker.killContainerCmd("interlink-sandbox-" + sandboxId).exec();

        ContainerStateTerminated ended = awaitTerminated(pod).containers().get(0).getState().getTerminated();
        assertThat(ended.getReason()).isEqualTo("ContainerStatusUnknown");
        assertThat(ended.getExitCode()).isEqualTo(137);
        assertThat(ended.getMessage()).contains("sandbox " + sandboxId + " died").contains("exited with code 137");
        assertThat(ended.getStartedAt()).isNotBlank();
        assertThat(ended.getFinishedAt()).isNotBlank();
        await().during(FIRST_RESTART_PAUSE.multipliedBy(3)).atMost(FIRST_RESTART_PAUSE.multipliedBy(5))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> shared.fixture().status(pod).containers().get(0),
                        status -> status.getState().getTerminated() != null && status.getRestartCount() == 0);
    }

    @Test
    void containersThatHadNotStartedWhenTheSandboxDiedFailWithTheSameReasonAndTheLogsSayWhy() {
        Pod pod = pod("sandbox-killed-early", List.of(shell("init", "sleep 3600")),
                List.of(shell("main", "echo never")));
        String sandboxId = shared.fixture().create(pod).podJid();
        shared.fixture().awaitStatus(pod, status -> status.initContainers().get(0).getState().getRunning() != null);

        shared.fixture().docker.killContainerCmd("interlink-sandbox-" + sandboxId).exec();

        PodStatus ended = await().atMost(EVENT_TIME).pollInterval(Duration.ofMillis(100))
                .until(() -> shared.fixture().status(pod), status -> stateOf(status.containers().get(0))
                        .getTerminated() != null);
        for (ContainerStatus container : List.of(ended.initContainers().get(0), ended.containers().get(0))) {
            assertThat(stateOf(container).getTerminated().getReason()).as(container.getName())
                    .isEqualTo("ContainerStatusUnknown");
            assertThat(stateOf(container).getTerminated().getExitCode()).as(container.getName()).isEqualTo(137);
            assertThat(stateOf(container).getTerminated().getMessage()).as(container.getName()).contains(sandboxId);
        }
        assertThatThrownBy(() -> shared.fixture().logs(pod, "init", LogOptions.DEFAULTS))
                .isInstanceOf(PodNotFoundException.class)
                .hasMessageContaining("gone with its sandbox").hasMessageContaining(sandboxId);
    }

    @Test
    void aRemovedSandboxEndsItsPodAndTheDeleteStillRemovesEverything() {
        Pod pod = pod("sandbox-removed", shell("main", "sleep 3600"));
        String sandboxId = shared.fixture().create(pod).podJid();
        awaitRunning(pod);

        shared.fixture().docker.removeContainerCmd("interlink-sandbox-" + sandboxId).withForce(true).exec();

        ContainerStateTerminated ended = awaitTerminated(pod).containers().get(0).getState().getTerminated();
        assertThat(ended.getReason()).isEqualTo("ContainerStatusUnknown");
        assertThat(ended.getMessage()).contains("sandbox " + sandboxId + " died");

        shared.fixture().runtime.delete(pod);

        shared.fixture().awaitNothingLeftOf(pod, sandboxId);
    }

    @Test
    void aFrozenSandboxLeavesItsContainersUnknownNotTerminatedUntilItThaws() {
        Pod pod = pod("sandbox-frozen", shell("main", "sleep 3600"));
        String sandbox = "interlink-sandbox-" + shared.fixture().create(pod).podJid();
        awaitRunning(pod);

        shared.fixture().docker.pauseContainerCmd(sandbox).exec();
        try {
            ContainerState unknown = stateOf(await().atMost(Duration.ofSeconds(CALL_TIMEOUT_SECONDS).plus(EVENT_TIME))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> shared.fixture().status(pod).containers().get(0),
                            status -> status.getState().getWaiting() != null));
            assertThat(unknown.getWaiting().getReason()).isEqualTo("ContainerStatusUnknown");
            assertThat(unknown.getWaiting().getMessage()).contains(sandbox.substring("interlink-sandbox-".length()));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(200))
                    .until(() -> stateOf(shared.fixture().status(pod).containers().get(0)).getTerminated() == null);
        } finally {
            shared.fixture().docker.unpauseContainerCmd(sandbox).exec();
        }

        await().atMost(Duration.ofSeconds(CALL_TIMEOUT_SECONDS).plus(EVENT_TIME)).pollInterval(Duration.ofMillis(200))
                .until(() -> stateOf(shared.fixture().status(pod).containers().get(0)).getRunning() != null);
    }

    @Test
    void aPoolSandboxThatDiesIsDroppedAndReplaced() throws IOException {
        try (RuntimeFixture fixture = RuntimeFixture.open(1, Map.of())) {
            fixture.awaitReady();
            Set<String> before = fixture.unclaimedPoolSandboxIds();
            String dead = before.iterator().next();

            fixture.docker.killContainerCmd("interlink-sandbox-" + dead).exec();

            await().atMost(RuntimeFixture.SANDBOX_TIME).pollInterval(Duration.ofMillis(200))
                    .until(() -> fixture.runtime.readiness().ready()
                            && !fixture.unclaimedPoolSandboxIds().contains(dead)
                            && fixture.unclaimedPoolSandboxIds().size() == 1);
            assertThat(fixture.containersLabelled(Map.of(Labels.SANDBOX_ID, dead))).isEmpty();
        }
    }

    private static Pod always(Pod pod) {
        return new PodBuilder(pod).editSpec().withRestartPolicy("Always").endSpec().build();
    }

    private static PodStatus awaitRunning(Pod pod) {
        return shared.fixture().awaitStatus(pod, status -> stateOf(status.containers().get(0)).getRunning() != null);
    }

    private static PodStatus awaitTerminated(Pod pod) {
        return await().atMost(EVENT_TIME).pollInterval(Duration.ofMillis(100))
                .until(() -> shared.fixture().status(pod),
                        status -> stateOf(status.containers().get(0)).getTerminated() != null);
    }

    private static ContainerState stateOf(ContainerStatus status) {
        return status.getState();
    }
}
