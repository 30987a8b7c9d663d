package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;

import eu.interlink.jvm.api.wire.LogOptions;
import eu.interlink.jvm.api.wire.PodStatus;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** cpu and memory limits enforced by the sandbox's engine, as kubelet enforces them. */
class ResourceLimitsTest {

    @RegisterExtension
    static final SharedRuntime shared = new SharedRuntime(RuntimeFixture::open);

    @Test
    void theContainerRunsInsideItsCpuAndMemoryLimits() throws IOException {
        Container limited = limits(shell("main", """
                cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max
                cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us 2>/dev/null || cut -d' ' -f1 /sys/fs/cgroup/cpu.max
                """), "1500m", "32Mi");
        Pod pod = pod("limits", limited);

        shared.fixture().create(pod);

        ContainerStateTerminated done = terminated(pod);
        assertThat(done.getExitCode()).isZero();
        assertThat(logs(pod).lines().toList()).containsExactly("33554432", "150000");
    }

    @Test
    void aContainerThatOutgrowsItsMemoryLimitIsReportedOomKilled() {
        Pod pod = pod("oom", limits(shell("main", "head -c 200m /dev/zero | tail"), "1", "16Mi"));

        shared.fixture().create(pod);

        ContainerStateTerminated done = terminated(pod);
        assertThat(done.getReason()).as("%s", done).isEqualTo("OOMKilled");
        assertThat(done.getExitCode()).isEqualTo(137);
    }

    private static Container limits(Container container, String cpu, String memory) {
        return new ContainerBuilder(container).withNewResources()
                .withLimits(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory)))
                .endResources().build();
    }

    private static ContainerStateTerminated terminated(Pod pod) {
        PodStatus status = shared.fixture().awaitStatus(pod, s -> s.containers().get(0).getState().getTerminated() != null);
        return status.containers().get(0).getState().getTerminated();
    }

    private static String logs(Pod pod) throws IOException {
        return shared.fixture().logs(pod, "main", LogOptions.DEFAULTS);
    }
}
