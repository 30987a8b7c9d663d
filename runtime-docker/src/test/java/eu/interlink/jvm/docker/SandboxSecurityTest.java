package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.Capability;
import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.PodStatus;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The DindSecurity modes, on engines that allow --privileged and on engines that refuse it (such as one that runs in
 * a container without every capability): each test finds out which kind it runs on, and asserts what that kind must do.
 */
class SandboxSecurityTest {

    @Test
    void capabilitiesRunAPodAndAMissingDindImageFallsBackToTheLocalOne() throws IOException {
        try (RuntimeFixture fixture = RuntimeFixture.open(
                Map.of("DindSecurity", "capabilities", "DindImage", "interlink-jvm/no-such-dind:none"))) {
            Pod pod = pod("capabilities", shell("main", "echo fine"));
            fixture.create(pod);

            PodStatus done = fixture.awaitStatus(pod, status -> status.containers().get(0).getState().getTerminated() != null);

            assertThat(done.containers().get(0).getState().getTerminated().getReason()).isEqualTo("Completed");
            assertThat(fixture.sandboxesOf(pod)).singleElement().satisfies(sandbox -> {
                assertThat(sandbox.getImage()).isEqualTo(RuntimeFixture.DIND);
                assertThat(fixture.docker.inspectContainerCmd(sandbox.getId()).exec().getHostConfig().getCapAdd())
                        .contains(Capability.ALL);
            });
        }
    }

    @Test
    void privilegedRunsAPodWhereTheEngineAllowsItAndIsReportedAsRefusedWithTheEnginesMessageWhereNot()
            throws IOException {
        try (RuntimeFixture fixture = RuntimeFixture.open(Map.of("DindSecurity", "privileged"))) {
            Optional<String> refusal = fixture.privilegedRefusal();
            Pod pod = pod("privileged", shell("main", "echo fine"));
            CreateResponse created = fixture.create(pod);

            if (refusal.isEmpty()) {
                PodStatus done = fixture.awaitStatus(pod,
                        status -> status.containers().get(0).getState().getTerminated() != null);
                assertThat(done.containers().get(0).getState().getTerminated().getReason()).isEqualTo("Completed");
                assertThat(fixture.sandboxesOf(pod)).singleElement().satisfies(sandbox -> assertThat(
                        fixture.docker.inspectContainerCmd(sandbox.getId()).exec().getHostConfig().getPrivileged()).isTrue());
            } else {
                PodStatus failed = awaitEnded(fixture, pod);
                ContainerStateTerminated main = failed.containers().get(0).getState().getTerminated();
                assertThat(main.getExitCode()).isEqualTo(1);
                assertThat(main.getReason()).isEqualTo("CreatePodSandboxError");
                assertThat(main.getMessage()).contains(refusal.get()).doesNotContain("\n");
                fixture.awaitNothingLeftOf(pod, created.podJid());
            }
        }
    }

    /** The pod's status once its container has ended, however it ended. */
    private static PodStatus awaitEnded(RuntimeFixture fixture, Pod pod) {
        return await().atMost(RuntimeFixture.SANDBOX_TIME)
                .until(() -> fixture.status(pod), status -> status.containers().get(0).getState().getTerminated() != null);
    }
}
