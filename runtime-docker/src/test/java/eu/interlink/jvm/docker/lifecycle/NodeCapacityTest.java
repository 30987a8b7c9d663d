package eu.interlink.jvm.docker.lifecycle;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.api.wire.NodeResources;
import eu.interlink.jvm.docker.spec.PodResources;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeCapacityTest {

    private final NodeCapacity node = new NodeCapacity(() -> new NodeResources("2", "4Gi", null, List.of()));

    @Test
    void aPodWithinTheNodeIsAccepted() {
        assertThatCode(() -> node.check(new PodResources(new BigDecimal("2"), gib(4), new BigDecimal("1"), gib(1))))
                .doesNotThrowAnyException();
        assertThatCode(() -> node.check(new PodResources(null, null, null, null))).doesNotThrowAnyException();
    }

    @Test
    void aPodOverTheNodesCpuIsRefusedNamingCpuWhatItAsksAndWhatTheNodeHas() {
        assertThatThrownBy(() -> node.check(new PodResources(new BigDecimal("2.5"), null, null, null)))
                .isInstanceOf(InvalidPodException.class)
                .hasMessage("resources.limits[cpu]: the pod asks for 2.5 cores of cpu in all, more than this node's 2"
                        + " (2 cores)");
    }

    @Test
    void aPodWhoseMemoryRequestsExceedTheNodeIsRefusedNamingMemory() {
        assertThatThrownBy(() -> node.check(new PodResources(null, null, null, gib(5))))
                .isInstanceOf(InvalidPodException.class)
                .hasMessage("resources.requests[memory]: the pod asks for 5368709120 bytes of memory in all, more than"
                        + " this node's 4Gi (4294967296 bytes)");
    }

    @Test
    void whileTheNodeIsUnknownNoPodIsRefused() {
        NodeCapacity unknown = new NodeCapacity(() -> NodeResources.UNKNOWN);

        assertThatCode(() -> unknown.check(new PodResources(new BigDecimal("1000"), gib(1000), null, null)))
                .doesNotThrowAnyException();
    }

    private static BigDecimal gib(long count) {
        return BigDecimal.valueOf(count * 1024 * 1024 * 1024);
    }
}
