package eu.interlink.jvm.docker.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodValidatorTest {

    private final PodValidator validator = new PodValidator();

    private static Container container(String name, String image) {
        return new ContainerBuilder().withName(name).withImage(image).build();
    }

    private static Pod pod(String namespace, List<Container> inits, List<Container> containers) {
        return new PodBuilder().withNewMetadata().withName("p").withNamespace(namespace).withUid("u-1").endMetadata()
                .withNewSpec().withInitContainers(inits).withContainers(containers).endSpec().build();
    }

    @Test
    void aValidPodIsIdentifiedAndItsNamespaceDefaults() {
        PodIdentity identity = validator.validate(pod(null, List.of(), List.of(container("main", "busybox"))));

        assertThat(identity).isEqualTo(new PodIdentity("u-1", "default", "p"));
    }

    @Test
    void aPodNeedsAContainer() {
        assertThatThrownBy(() -> validator.validate(pod("ns", List.of(container("init", "busybox")), List.of())))
                .isInstanceOf(InvalidPodException.class)
                .hasMessage("spec.containers: at least one container is required");
    }

    @Test
    void containerNamesAreUniqueAcrossInitAndRegularContainers() {
        assertThatThrownBy(() -> validator.validate(pod("ns", List.of(container("x", "busybox")),
                List.of(container("x", "busybox")))))
                .isInstanceOf(InvalidPodException.class)
                .hasMessage("spec.containers[0].name: 'x' is used by another container");
    }

    @Test
    void everyContainerNamesAnImage() {
        assertThatThrownBy(() -> validator.validate(pod("ns", List.of(container("init", " ")),
                List.of(container("main", "busybox")))))
                .isInstanceOf(InvalidPodException.class)
                .hasMessage("spec.initContainers[0].image: required");
    }
}
