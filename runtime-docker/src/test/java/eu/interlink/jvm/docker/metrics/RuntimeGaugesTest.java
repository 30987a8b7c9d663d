package eu.interlink.jvm.docker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import eu.interlink.jvm.api.wire.PodStatus;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The gauges read the runtime's state each time they are read, and leave the registry when closed. */
class RuntimeGaugesTest {

    private final MeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void podsAreCountedByPhaseWhenRead() {
        List<PodStatus> pods = new CopyOnWriteArrayList<>();
        try (RuntimeGauges gauges = new RuntimeGauges(meters).pods(() -> pods)) {
            assertThat(pods("Running")).isZero();

            pods.add(pod(new ContainerStateBuilder().withNewRunning().endRunning().build()));
            pods.add(pod(new ContainerStateBuilder().withNewRunning().endRunning().build()));
            pods.add(pod(new ContainerStateBuilder().withNewTerminated().withExitCode(2).endTerminated().build()));

            assertThat(pods("Running")).isEqualTo(2);
            assertThat(pods("Failed")).isEqualTo(1);
            assertThat(pods("Pending")).isZero();
            assertThat(pods("Succeeded")).isZero();
            assertThat(pods("Unknown")).isZero();
        }
    }

    @Test
    void thePoolAndTheDevicesAreReadWhenRead() {
        AtomicInteger ready = new AtomicInteger(1);
        AtomicInteger builds = new AtomicInteger(1);
        Map<String, Integer> free = new ConcurrentHashMap<>(Map.of("example.com/dev", 2));
        try (RuntimeGauges gauges = new RuntimeGauges(meters).pool(ready::get, 2, builds::get)
                .devices(List.of("example.com/dev"), free::get, resource -> 3)) {
            ready.set(2);
            builds.set(0);
            free.put("example.com/dev", 1);

            assertThat(meters.get("interlink.pool.sandboxes").gauge().value()).isEqualTo(2);
            assertThat(meters.get("interlink.pool.target").gauge().value()).isEqualTo(2);
            assertThat(meters.get("interlink.pool.builds").gauge().value()).isZero();
            assertThat(devices("free")).isEqualTo(1);
            assertThat(devices("used")).isEqualTo(2);
        }
    }

    @Test
    void closingRemovesEveryGaugeItRegistered() {
        RuntimeGauges gauges = new RuntimeGauges(meters).pods(List::of).pool(() -> 0, 0, () -> 0)
                .devices(List.of("example.com/dev"), resource -> 0, resource -> 0);
        assertThat(meters.getMeters()).hasSize(5 + 3 + 2);

        gauges.close();

        assertThat(meters.getMeters()).isEmpty();
    }

    private double pods(String phase) {
        return meters.get("interlink.pods").tag("phase", phase).gauge().value();
    }

    private double devices(String state) {
        return meters.get("interlink.accelerator.devices").tag("resource", "example.com/dev").tag("state", state)
                .gauge().value();
    }

    private static PodStatus pod(ContainerState state) {
        return new PodStatus("p", "uid", "ns", "jid",
                List.of(new ContainerStatusBuilder().withName("c").withState(state).build()), List.of());
    }
}
