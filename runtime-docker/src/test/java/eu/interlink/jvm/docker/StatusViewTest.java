package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import eu.interlink.jvm.api.wire.PodStatus;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Status is a view, not a query: it is kept current by each sandbox's container events, and answered from memory,
 * so that it neither waits on a sandbox that does not answer nor misses what happens behind the runtime's back.
 */
class StatusViewTest {

    /** Well within the 30 s between two reconciles: only the sandbox's events can tell the runtime so soon. */
    private static final Duration EVENT_TIME = Duration.ofSeconds(10);

    @RegisterExtension
    static final SharedRuntime shared = new SharedRuntime(RuntimeFixture::open);

    @Test
    void aContainerKilledBehindTheRuntimesBackIsReportedTerminatedFromItsSandboxsEvents() throws IOException {
        Pod pod = pod("killed", shell("main", "sleep 3600"));
        String sandboxId = shared.fixture().create(pod).podJid();
        String containerId = containerId(awaitRunning(pod));

        try (DockerClient inner = shared.fixture().innerEngine(sandboxId)) {
            inner.killContainerCmd(containerId).exec();
        }

        PodStatus ended = await().atMost(EVENT_TIME).pollInterval(Duration.ofMillis(100))
                .until(() -> shared.fixture().status(pod), status -> stateOf(status).getTerminated() != null);
        assertThat(stateOf(ended).getTerminated().getExitCode()).isEqualTo(137);
        assertThat(stateOf(ended).getTerminated().getReason()).isEqualTo("Error");
        assertThat(stateOf(ended).getTerminated().getFinishedAt()).isNotBlank();
    }

    @Test
    void statusIsAnsweredFromMemoryWhileTheSandboxIsFrozen() {
        Pod pod = pod("frozen", shell("main", "sleep 3600"));
        String sandbox = "interlink-sandbox-" + shared.fixture().create(pod).podJid();
        PodStatus running = awaitRunning(pod);

        shared.fixture().docker.pauseContainerCmd(sandbox).exec();
        try {
            PodStatus whileFrozen = shared.fixture().status(pod);

            assertThat(stateOf(whileFrozen).getRunning()).isNotNull();
            assertThat(stateOf(whileFrozen).getRunning().getStartedAt())
                    .isEqualTo(stateOf(running).getRunning().getStartedAt());
        } finally {
            shared.fixture().docker.unpauseContainerCmd(sandbox).exec();
        }
    }

    private static PodStatus awaitRunning(Pod pod) {
        return shared.fixture().awaitStatus(pod, status -> stateOf(status).getRunning() != null);
    }

    private static ContainerState stateOf(PodStatus status) {
        return status.containers().get(0).getState();
    }

    private static String containerId(PodStatus status) {
        ContainerStatus container = status.containers().get(0);
        return container.getContainerID().substring("docker://".length());
    }
}
