package eu.interlink.jvm.docker.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.docker.sandbox.HostPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import org.junit.jupiter.api.Test;

class HostPortsTest {

    @Test
    void eachHostPortIsPublishedToItsContainerPortWithItsProtocolAndAddress() {
        PodSpec spec = new PodSpecBuilder()
                .addNewContainer().withName("web")
                .addNewPort().withName("http").withContainerPort(8080).withHostPort(80).endPort()
                .addNewPort().withName("dns").withContainerPort(53).withHostPort(5353).withProtocol("UDP")
                .withHostIP("127.0.0.1").endPort()
                .addNewPort().withContainerPort(9090).endPort()
                .endContainer().build();

        assertThat(HostPorts.of(spec)).containsExactly(
                new HostPort(80, 8080, "tcp", "", "spec.containers[web].ports[http]"),
                new HostPort(5353, 53, "udp", "127.0.0.1", "spec.containers[web].ports[dns]"));
        assertThat(HostPorts.of(spec).get(1).describe()).isEqualTo("127.0.0.1:5353/udp");
    }

    @Test
    void sctpCannotBePublishedOnADockerHost() {
        PodSpec spec = new PodSpecBuilder().addNewContainer().withName("web")
                .addNewPort().withContainerPort(9999).withHostPort(9999).withProtocol("SCTP").endPort()
                .endContainer().build();

        assertThatThrownBy(() -> HostPorts.of(spec)).isInstanceOf(InvalidPodException.class)
                .hasMessage("spec.containers[web].ports[9999].protocol: SCTP cannot be published on a Docker host"
                        + " (TCP or UDP only)");
    }

    @Test
    void theSameHostPortTwiceInAPodIsRefused() {
        PodSpec spec = new PodSpecBuilder()
                .addNewContainer().withName("one").addNewPort().withContainerPort(80).withHostPort(8080).endPort()
                .endContainer()
                .addNewContainer().withName("two").addNewPort().withContainerPort(81).withHostPort(8080).endPort()
                .endContainer().build();

        assertThatThrownBy(() -> HostPorts.of(spec)).isInstanceOf(InvalidPodException.class)
                .hasMessage("spec.containers[two].ports[81].hostPort: 8080/tcp is asked for twice in the pod");
    }

    @Test
    void aHostIpThatIsNoAddressIsRefused() {
        PodSpec spec = new PodSpecBuilder().addNewContainer().withName("web")
                .addNewPort().withContainerPort(80).withHostPort(8080).withHostIP("my-host").endPort()
                .endContainer().build();

        assertThatThrownBy(() -> HostPorts.of(spec)).isInstanceOf(InvalidPodException.class)
                .hasMessage("spec.containers[web].ports[80].hostIP: 'my-host' is not an IP address");
    }
}
