package eu.interlink.jvm.docker.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerResourcesTest {

    @Test
    void turnsLimitsAndTheCpuRequestIntoWhatTheEngineEnforces() {
        Container container = new ContainerBuilder().withName("app").withNewResources()
                .withLimits(Map.of("cpu", new Quantity("1500m"), "memory", new Quantity("128Mi")))
                .withRequests(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("64Mi")))
                .endResources().build();

        assertThat(ContainerResources.of(container)).isEqualTo(new ContainerResources(1_500_000_000L, 134_217_728L, 256));
    }

    @Test
    void keepsKubeletsFloorsForTinyCpuAmounts() {
        Container container = new ContainerBuilder().withName("app").withNewResources()
                .withLimits(Map.of("cpu", new Quantity("1m")))
                .withRequests(Map.of("cpu", new Quantity("1m")))
                .endResources().build();

        assertThat(ContainerResources.of(container)).isEqualTo(new ContainerResources(10_000_000L, null, 2));
    }

    @Test
    void setsNothingForAContainerWithoutResources() {
        assertThat(ContainerResources.of(new ContainerBuilder().withName("app").build()))
                .isEqualTo(new ContainerResources(null, null, null));
        assertThat(ContainerResources.of(new ContainerBuilder().withName("app").withNewResources().endResources().build()))
                .isEqualTo(new ContainerResources(null, null, null));
    }

    @Test
    void readsDecimalAndBinaryMemoryUnits() {
        Container container = new ContainerBuilder().withName("app").withNewResources()
                .withLimits(Map.of("memory", new Quantity("1G"), "cpu", new Quantity("2")))
                .endResources().build();

        assertThat(ContainerResources.of(container)).isEqualTo(new ContainerResources(2_000_000_000L, 1_000_000_000L, null));
    }
}
