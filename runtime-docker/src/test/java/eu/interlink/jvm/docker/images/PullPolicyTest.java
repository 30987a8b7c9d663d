package eu.interlink.jvm.docker.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import org.junit.jupiter.api.Test;

class PullPolicyTest {

    @Test
    void readsThePolicyTheContainerNames() {
        assertThat(policy("busybox:1.36", "Always")).isEqualTo(PullPolicy.ALWAYS);
        assertThat(policy("busybox", "IfNotPresent")).isEqualTo(PullPolicy.IF_NOT_PRESENT);
        assertThat(policy("busybox", "Never")).isEqualTo(PullPolicy.NEVER);
    }

    @Test
    void defaultsAsKubernetesDoesWhenTheContainerNamesNone() {
        assertThat(policy("busybox", null)).isEqualTo(PullPolicy.ALWAYS);
        assertThat(policy("registry:5000/team/app:latest", null)).isEqualTo(PullPolicy.ALWAYS);
        assertThat(policy("busybox:1.36", "")).isEqualTo(PullPolicy.IF_NOT_PRESENT);
        assertThat(policy("busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", null))
                .isEqualTo(PullPolicy.IF_NOT_PRESENT);
    }

    private static PullPolicy policy(String image, String policy) {
        return PullPolicy.of(new ContainerBuilder().withName("c").withImage(image).withImagePullPolicy(policy).build());
    }
}
