package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.PodStatus;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code activeDeadlineSeconds} on the real engine: counted from the create, it ends the pod for good. */
class ActiveDeadlineTest {

    private static final String MESSAGE = "Pod was active on the node longer than the specified deadline";

    /** A restart, were there one, would follow within a second. */
    @RegisterExtension
    static final SharedRuntime shared = new SharedRuntime(() -> RuntimeFixture.withFirstRestartPause(
            Duration.ofSeconds(1)));

    @Test
    void aPodPastItsDeadlineHasEveryContainerTerminatedWithDeadlineExceededAndNothingRunsAgainUnderAlways()
            throws IOException {
        Pod pod = withDeadline(pod("sleepers", shell("sleeper", "sleep 3600"),
                shell("graceful", "trap 'exit 0' TERM; while true; do sleep 1; done")), "Always", 3);
        CreateResponse created = shared.fixture().create(pod);

        PodStatus ended = shared.fixture().awaitStatus(pod, ActiveDeadlineTest::allTerminated);

        assertThat(ended.containers()).allSatisfy(container -> {
            assertThat(terminated(container).getReason()).isEqualTo("DeadlineExceeded");
            assertThat(terminated(container).getMessage()).isEqualTo(MESSAGE);
            assertThat(container.getRestartCount()).isZero();
        });
        try (DockerClient inner = shared.fixture().innerEngine(created.podJid())) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(inner.listContainersCmd().exec()).as("running containers").isEmpty());
        }
        assertThat(terminated(containerNamed(shared.fixture().status(pod), "graceful")).getExitCode())
                .as("it had its grace period to exit on SIGTERM").isZero();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> shared.fixture().status(pod), status -> allTerminated(status)
                        && status.containers().stream().allMatch(container -> container.getRestartCount() == 0));
    }

    @Test
    void aContainerThatCompletedBeforeTheDeadlineKeepsItsEnd() {
        Pod pod = withDeadline(pod("mixed", shell("quick", "true"), shell("slow", "sleep 3600")), "Never", 4);
        shared.fixture().create(pod);

        PodStatus ended = shared.fixture().awaitStatus(pod, ActiveDeadlineTest::allTerminated);

        assertThat(terminated(containerNamed(ended, "quick")).getReason()).isEqualTo("Completed");
        assertThat(terminated(containerNamed(ended, "slow")).getReason()).isEqualTo("DeadlineExceeded");
    }

    @Test
    void anInitContainerPastTheDeadlineEndsItAndTheContainersThatNeverRan() {
        Pod pod = withDeadline(pod("init-stuck", List.of(shell("setup", "sleep 3600")),
                List.of(shell("main", "echo never"))), "OnFailure", 2);
        shared.fixture().create(pod);

        PodStatus ended = shared.fixture().awaitStatus(pod, status -> allTerminated(status)
                && terminated(status.initContainers().get(0)) != null);

        assertThat(terminated(ended.initContainers().get(0)).getReason()).isEqualTo("DeadlineExceeded");
        ContainerStateTerminated main = terminated(ended.containers().get(0));
        assertThat(main.getReason()).isEqualTo("DeadlineExceeded");
        assertThat(main.getMessage()).isEqualTo(MESSAGE);
        assertThat(ended.containers().get(0).getContainerID()).isNull();
    }

    private static Pod withDeadline(Pod pod, String restartPolicy, long seconds) {
        return new PodBuilder(pod).editSpec().withRestartPolicy(restartPolicy).withActiveDeadlineSeconds(seconds)
                .endSpec().build();
    }

    private static boolean allTerminated(PodStatus status) {
        return Stream.of(status.containers()).flatMap(List::stream)
                .allMatch(container -> terminated(container) != null);
    }

    private static ContainerStatus containerNamed(PodStatus status, String name) {
        return status.containers().stream().filter(container -> container.getName().equals(name)).findFirst()
                .orElseThrow();
    }

    private static ContainerStateTerminated terminated(ContainerStatus container) {
        return container.getState().getTerminated();
    }
}
