package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.HostConfig;
import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.docker.engine.Labels;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A pod's whole cpu and memory bound its sandbox, as kubelet bounds a pod's cgroup, so that a pod cannot starve its
 * neighbours: on a sandbox taken from the pool and on one built for the pod; a pod that asks for more than the node
 * has is refused.
 */
class PodLevelResourcesTest {

    private static final long MI = 1024L * 1024;
    private static final long ENGINE_OVERHEAD = 128 * MI;

    @RegisterExtension
    static final SharedRuntime shared = new SharedRuntime(() -> RuntimeFixture.open(1, Map.of()));

    @Test
    void aPooledSandboxTakenForAPodGetsThePodsTotalLimitsPlusTheEnginesMemory() {
        shared.fixture().awaitReady();
        Pod pod = pod("pooled-limits", List.of(limited(shell("init", "true"), "1", "64Mi")),
                List.of(limited(shell("one", "sleep 60"), "500m", "128Mi"), limited(shell("two", "sleep 60"), "250m", "64Mi")));

        shared.fixture().create(pod);

        shared.fixture().awaitStatus(pod, status -> status.containers().stream()
                .allMatch(container -> container.getState().getRunning() != null));
        assertThat(sandboxLabels(pod)).containsEntry(Labels.POOL, "true");
        HostConfig sandbox = sandboxHostConfig(pod);
        assertThat(sandbox.getNanoCPUs()).as("the largest init container's cpu, over the containers' sum")
                .isEqualTo(1_000_000_000L);
        assertThat(sandbox.getMemory()).isEqualTo(192 * MI + ENGINE_OVERHEAD);
        assertThat(sandbox.getMemorySwap()).isEqualTo(192 * MI + ENGINE_OVERHEAD);
    }

    @Test
    void aSandboxBuiltForAPodGetsThePodsTotalLimitsPlusTheEnginesMemory() throws IOException {
        Container published = new ContainerBuilder(limited(shell("one", "sleep 60"), "300m", "96Mi"))
                .addNewPort().withContainerPort(8080).withHostPort(freePort()).endPort().build();
        Pod pod = pod("dedicated-limits", published, limited(shell("two", "sleep 60"), "200m", "32Mi"));

        shared.fixture().create(pod);

        shared.fixture().awaitStatus(pod, status -> status.containers().stream()
                .allMatch(container -> container.getState().getRunning() != null));
        assertThat(sandboxLabels(pod)).containsEntry(Labels.POOL, "false");
        HostConfig sandbox = sandboxHostConfig(pod);
        assertThat(sandbox.getNanoCPUs()).isEqualTo(500_000_000L);
        assertThat(sandbox.getMemory()).isEqualTo(128 * MI + ENGINE_OVERHEAD);
    }

    @Test
    void aPodWithoutALimitOnEveryContainerLeavesItsSandboxUnlimited() {
        Pod pod = pod("partly-limited", limited(shell("one", "sleep 60"), "300m", "96Mi"), shell("two", "sleep 60"));

        shared.fixture().create(pod);

        shared.fixture().awaitStatus(pod, status -> status.containers().stream()
                .allMatch(container -> container.getState().getRunning() != null));
        HostConfig sandbox = sandboxHostConfig(pod);
        assertThat(sandbox.getNanoCPUs()).isIn(null, 0L);
        assertThat(sandbox.getMemory()).isIn(null, 0L);
    }

    @Test
    void aPodAskingForMoreCpuThanTheNodeHasIsRefusedNamingCpu() {
        Pod pod = pod("too-big", limited(shell("main", "true"), "4096", "16Mi"));

        assertThatThrownBy(() -> shared.fixture().create(pod)).isInstanceOf(InvalidPodException.class)
                .hasMessageContaining("resources.limits[cpu]").hasMessageContaining("4096 cores")
                .hasMessageContaining("more than this node's ");
    }

    private static Container limited(Container container, String cpu, String memory) {
        return new ContainerBuilder(container).withNewResources()
                .withLimits(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory)))
                .endResources().build();
    }

    private static Map<String, String> sandboxLabels(Pod pod) {
        return shared.fixture().sandboxesOf(pod).get(0).getLabels();
    }

    private static HostConfig sandboxHostConfig(Pod pod) {
        String id = shared.fixture().sandboxesOf(pod).get(0).getId();
        return shared.fixture().docker.inspectContainerCmd(id).exec().getHostConfig();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
