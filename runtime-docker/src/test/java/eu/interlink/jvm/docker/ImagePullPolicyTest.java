package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;

import eu.interlink.jvm.api.wire.PodStatus;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code imagePullPolicy} on an engine that reaches no registry, as on an air-gapped site. */
class ImagePullPolicyTest {

    @RegisterExtension
    static final SharedRuntime shared = new SharedRuntime(RuntimeFixture::open);

    @Test
    void alwaysRunsTheHostsCopyWhenNoRegistryAnswers() {
        Pod pod = pod("always", new ContainerBuilder(shell("main", "echo ran")).withImagePullPolicy("Always").build());

        shared.fixture().create(pod);

        assertThat(terminated(pod).getExitCode()).isZero();
    }

    @Test
    void neverFailsTheContainerWhenNoCopyExists() {
        Pod pod = pod("never", new ContainerBuilder(shell("main", "true"))
                .withImage("interlink-jvm/not-built:anywhere").withImagePullPolicy("Never").build());

        shared.fixture().create(pod);

        ContainerStateTerminated failed = terminated(pod);
        assertThat(failed.getReason()).isEqualTo("ErrImageNeverPull");
        assertThat(failed.getMessage()).isEqualTo("image interlink-jvm/not-built:anywhere is neither in the sandbox nor "
                + "on the host, and its pull policy is Never");
    }

    private static ContainerStateTerminated terminated(Pod pod) {
        PodStatus status = shared.fixture().awaitStatus(pod, s -> s.containers().get(0).getState().getTerminated() != null);
        return status.containers().get(0).getState().getTerminated();
    }
}
