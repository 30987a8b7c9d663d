package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.BUSYBOX;
import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.interlink.jvm.docker.images.ImageReference;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the runtime's meters say about real pods on the real engine: the pods by phase, how their starts ended, the
 * image moved into a sandbox, the Docker calls, the pool and the devices; and that its gauges leave the registry with
 * the runtime.
 */
class RuntimeMetersTest {

    private final MeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void aRunningPodAndAPodThatCannotStartShowInTheMetersUntilTheyAreDeleted() throws IOException {
        try (RuntimeFixture fixture = RuntimeFixture.withMeters(meters, 1, List.of(new TestDevices()))) {
            assertThat(gauge(Search.in(meters).name("interlink.pool.target"))).isEqualTo(1);
            await().atMost(RuntimeFixture.SANDBOX_TIME).until(() -> gauge(Search.in(meters)
                    .name("interlink.pool.sandboxes")) == 1 && gauge(Search.in(meters).name("interlink.pool.builds")) == 0);
            assertThat(devices("free")).isEqualTo(2);
            assertThat(devices("used")).isZero();
            Pod running = new PodBuilder(pod("running", shell("main", "exec sleep 300"))).editSpec().editFirstContainer()
                    .withNewResources().withLimits(Map.of(TestDevices.RESOURCE, new Quantity("1"))).endResources()
                    .endContainer().endSpec().build();
            Pod never = pod("never", new ContainerBuilder(shell("main", "true"))
                    .withImage("interlink-jvm/not-built:anywhere").withImagePullPolicy("Never").build());

            fixture.create(running);
            fixture.create(never);
            fixture.awaitStatus(running, status -> status.containers().get(0).getState().getRunning() != null);
            fixture.awaitStatus(never, status -> status.containers().get(0).getState().getTerminated() != null);

            assertThat(pods("Running")).isEqualTo(1);
            assertThat(pods("Failed")).isEqualTo(1);
            assertThat(pods("Pending") + pods("Succeeded") + pods("Unknown")).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> starts("running") == 1 && starts("failed") == 1);
            assertThat(meters.get("interlink.image.moves").tag("outcome", "succeeded").timer().count()).isEqualTo(1);
            assertThat(meters.get("interlink.image.moved.bytes").counter().count())
                    .isGreaterThanOrEqualTo(fixture.docker.inspectImageCmd(BUSYBOX).exec().getSize());
            assertThat(devices("free")).isEqualTo(1);
            assertThat(devices("used")).isEqualTo(1);
            assertThat(calls("host", "create")).as("sandbox and claim containers created").isGreaterThanOrEqualTo(2);
            assertThat(calls("sandbox", "create")).as("the running pod's container created").isGreaterThanOrEqualTo(1);
            assertThat(calls("sandbox", "load")).as("the image moved from the host").isEqualTo(1);

            fixture.runtime.delete(running);
            fixture.runtime.delete(never);

            await().atMost(Duration.ofSeconds(30)).until(() -> devices("free") == 2);
            assertThat(gauge(Search.in(meters).name("interlink.pods"))).isZero();
        }
        assertThat(meters.find("interlink.pods").gauges()).as("the gauges of a closed runtime").isEmpty();
        assertThat(meters.find("interlink.pool.sandboxes").gauges()).isEmpty();
        assertThat(meters.find("interlink.docker.calls").counters()).as("counters stay").isNotEmpty();
    }

    @Test
    void anImageTheSandboxHasUnderAnotherNameIsTaggedThereNotMovedAgain() throws IOException {
        String alias = "interlink-jvm/busybox:alias-" + UUID.randomUUID();
        try (RuntimeFixture fixture = RuntimeFixture.withMeters(meters, 0, List.of())) {
            ImageReference aliasReference = ImageReference.parse(alias);
            fixture.docker.tagImageCmd(BUSYBOX, aliasReference.repository(), aliasReference.tag()).exec();
            try {
                Pod pod = pod("alias", shell("first", "exec sleep 300"), new ContainerBuilder(
                        shell("second", "exec sleep 300")).withImage(alias).withImagePullPolicy("IfNotPresent").build());

                fixture.create(pod);
                fixture.awaitStatus(pod, status -> status.containers().stream()
                        .allMatch(container -> container.getState().getRunning() != null));

                assertThat(meters.get("interlink.image.moves").tag("outcome", "succeeded").timer().count())
                        .as("only the first name moved").isEqualTo(1);
                assertThat(calls("sandbox", "tag")).isEqualTo(1);
                fixture.runtime.delete(pod);
            } finally {
                fixture.docker.removeImageCmd(alias).exec();
            }
        }
    }

    private double pods(String phase) {
        return gauge(Search.in(meters).name("interlink.pods").tag("phase", phase));
    }

    private double devices(String state) {
        return gauge(Search.in(meters).name("interlink.accelerator.devices").tag("resource", TestDevices.RESOURCE)
                .tag("state", state));
    }

    private long starts(String outcome) {
        var timer = meters.find("interlink.pod.start").tag("outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    private double calls(String engine, String operation) {
        return meters.get("interlink.docker.calls").tag("engine", engine).tag("operation", operation).counter()
                .count();
    }

    /** The sum of the gauges found. */
    private static double gauge(Search search) {
        return search.gauges().stream().mapToDouble(gauge -> gauge.value()).sum();
    }
}
