package eu.interlink.jvm.docker.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

/** What is decided about the annotation before the network is asked for (the engine is never called here). */
class PodIpNetworkTest {

    private final PodIpNetwork unset = new PodIpNetwork(null, null);

    @Test
    void aPodWithoutTheAnnotationAsksForNoAddress() {
        assertThat(unset.requestedBy(new PodBuilder().withNewMetadata().withName("p").endMetadata().build())).isEmpty();
    }

    @Test
    void aValueThatIsNoIpAddressIsRefusedNamingTheAnnotation() {
        assertThatThrownBy(() -> unset.requestedBy(annotated("my-pod.example")))
                .isInstanceOf(InvalidPodException.class)
                .hasMessage("metadata.annotations[interlink.eu/pod-ip]: 'my-pod.example' is not an IPv4 or IPv6 address");
    }

    @Test
    void anAddressWithoutAConfiguredNetworkIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> unset.requestedBy(annotated("10.1.2.3")))
                .isInstanceOf(InvalidPodException.class)
                .hasMessageContaining("interlink.eu/pod-ip").hasMessageContaining("Docker.PodIpNetwork, which is not set");
    }

    private static Pod annotated(String address) {
        return new PodBuilder().withNewMetadata().withName("p").addToAnnotations("interlink.eu/pod-ip", address)
                .endMetadata().build();
    }
}
