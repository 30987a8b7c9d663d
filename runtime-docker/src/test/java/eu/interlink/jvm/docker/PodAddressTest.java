package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.api.wire.LogOptions;
import eu.interlink.jvm.api.wire.PodStatus;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pod IP that interLink gives in the annotation {@code interlink.eu/pod-ip}: the pod gets exactly that address
 * on the network {@code Docker.PodIpNetwork} names, or is refused, naming the annotation.
 */
class PodAddressTest {

    @RegisterExtension
    @Order(1)
    static final TestNetwork network = new TestNetwork();

    @RegisterExtension
    @Order(2)
    static final SharedRuntime shared = new SharedRuntime(
            () -> RuntimeFixture.open(1, Map.of("PodIpNetwork", network.name())));

    @Test
    void aPodAnnotatedWithAnAddressHasThatAddressAsItsIpInItsInterfacesHostsFileAndEnvironment() throws IOException {
        String address = network.address(77);
        Pod pod = annotated(pod("fixed-ip", new ContainerBuilder(shell("main",
                "echo $POD_IP; hostname -i; ip -o -4 addr show | grep -o 'inet [0-9.]*'"))
                .addNewEnv().withName("POD_IP").withNewValueFrom().withNewFieldRef().withFieldPath("status.podIP")
                .endFieldRef().endValueFrom().endEnv().build()), address);

        shared.fixture().create(pod);

        shared.fixture().awaitStatus(pod, status -> status.containers().get(0).getState().getTerminated() != null);
        assertThat(shared.fixture().logs(pod, "main", LogOptions.DEFAULTS).lines().toList())
                .startsWith(address, address).contains("inet " + address);
    }

    @Test
    void aSecondPodAskingForAnAddressInUseFailsSayingWhy() {
        String address = network.address(78);
        Pod first = annotated(pod("holder", shell("main", "sleep 60")), address);
        Pod second = annotated(pod("latecomer", shell("main", "sleep 60")), address);

        shared.fixture().create(first);
        shared.fixture().awaitStatus(first, status -> status.containers().get(0).getState().getRunning() != null);
        shared.fixture().create(second);

        PodStatus failed = await().atMost(RuntimeFixture.SANDBOX_TIME).pollInterval(Duration.ofMillis(200))
                .until(() -> shared.fixture().status(second),
                        status -> status.containers().get(0).getState().getTerminated() != null);
        ContainerStateTerminated reason = failed.containers().get(0).getState().getTerminated();
        assertThat(reason.getReason()).isEqualTo("CreatePodSandboxError");
        assertThat(reason.getMessage()).contains("the address " + address
                + " (metadata.annotations[interlink.eu/pod-ip]) is already used on network " + network.name());
    }

    @Test
    void anAnnotationThatIsNoIpAddressIsRefusedNamingTheAnnotation() {
        Pod pod = annotated(pod("bad-ip", shell("main", "true")), "10.0.0.300");

        assertThatThrownBy(() -> shared.fixture().create(pod)).isInstanceOf(InvalidPodException.class)
                .hasMessageContaining("interlink.eu/pod-ip").hasMessageContaining("10.0.0.300");
    }

    @Test
    void anAddressOutsideTheNetworksSubnetIsRefusedNamingTheSubnet() {
        Pod pod = annotated(pod("outside-ip", shell("main", "true")), network.outsideAddress());

        assertThatThrownBy(() -> shared.fixture().create(pod)).isInstanceOf(InvalidPodException.class)
                .hasMessageContaining("interlink.eu/pod-ip")
                .hasMessageContaining("not in the subnet of network " + network.name())
                .hasMessageContaining(network.address(0) + "/24");
    }

    private static Pod annotated(Pod pod, String address) {
        return new PodBuilder(pod).editMetadata().addToAnnotations("interlink.eu/pod-ip", address).endMetadata().build();
    }
}
