package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Capability;
import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.PodStatus;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DindSecurity modes on this engine, which refuses --privileged. */
class SandboxSecurityTest {

    @Test
    void capabilitiesRunAPodAndAMissingDindImageFallsBackToTheLocalOne() throws IOException {
        try (RuntimeFixture fixture = RuntimeFixture.open(
                Map.of("DindSecurity", "capabilities", "DindImage", "interlink-jvm/no-such-dind:none"))) {
            Pod pod = pod("capabilities", shell("main", "echo fine"));
            fixture.create(pod);

            PodStatus done = fixture.awaitStatus(pod, status -> status.containers().get(0).getState().getTerminated() != null);

            assertThat(done.containers().get(0).getState().getTerminated().getReason()).isEqualTo("Completed");
            assertThat(fixture.containersOf(pod)).singleElement().satisfies(sandbox -> {
                assertThat(sandbox.getImage()).isEqualTo(RuntimeFixture.DIND);
                assertThat(fixture.docker.inspectContainerCmd(sandbox.getId()).exec().getHostConfig().getCapAdd())
                        .contains(Capability.ALL);
            });
        }
    }

    @Test
    void privilegedIsReportedAsRefusedAndLeavesNothing() throws IOException {
        try (RuntimeFixture fixture = RuntimeFixture.open(Map.of("DindSecurity", "privileged"))) {
            Pod pod = pod("privileged", shell("main", "echo never"));
            CreateResponse created = fixture.create(pod);

            PodStatus failed = fixture.awaitStatus(pod, status -> status.containers().get(0).getState().getTerminated() != null);

            ContainerStateTerminated main = failed.containers().get(0).getState().getTerminated();
            assertThat(main.getExitCode()).isEqualTo(1);
            assertThat(main.getReason()).isEqualTo("CreatePodSandboxError");
            assertThat(main.getMessage()).contains("operation not permitted").doesNotContain("\n");
            fixture.awaitNothingLeftOf(pod, created.podJid());
        }
    }
}
