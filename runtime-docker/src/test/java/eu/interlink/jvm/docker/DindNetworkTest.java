package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Network;
import eu.interlink.jvm.api.wire.LogOptions;
import eu.interlink.jvm.docker.engine.Labels;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code Docker.DindNetwork}: sandboxes join the operator's bridge network, made when it does not exist. */
class DindNetworkTest {

    private final String network = "ilj-test-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void removeNetwork() throws IOException {
        try (DockerClient docker = RuntimeFixture.hostClient()) {
            docker.removeNetworkCmd(network).exec();
        }
    }

    @Test
    void aSandboxJoinsTheConfiguredNetworkAndThePodGetsAnAddressOnIt() throws IOException {
        try (RuntimeFixture fixture = RuntimeFixture.open(Map.of("DindNetwork", network))) {
            Pod pod = pod("on-network", new ContainerBuilder(shell("main", "echo \"$POD_IP\""))
                    .addNewEnv().withName("POD_IP").withNewValueFrom().withNewFieldRef().withFieldPath("status.podIP")
                    .endFieldRef().endValueFrom().endEnv().build());

            fixture.create(pod);
            fixture.awaitStatus(pod, status -> status.containers().get(0).getState().getTerminated() != null);

            Network made = fixture.docker.inspectNetworkCmd().withNetworkId(network).exec();
            assertThat(made.getDriver()).isEqualTo("bridge");
            assertThat(made.getLabels()).containsEntry(Labels.ROLE, Labels.ROLE_SANDBOX_NETWORK);
            String subnet = made.getIpam().getConfig().get(0).getSubnet();
            String podIp = fixture.logs(pod, "main", LogOptions.DEFAULTS).trim();
            assertThat(podIp).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
            assertThat(podIp).startsWith(subnet.substring(0, subnet.lastIndexOf('.', subnet.indexOf('/'))));
        }
    }

}
