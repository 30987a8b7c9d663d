package eu.interlink.jvm.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.interlink.jvm.host.testing.PrometheusText;
import io.fabric8.kubernetes.api.model.Pod;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} of the runnable jar on the real engine, parsed as Prometheus parses it: what it says of a real
 * pod, and that {@code /status} makes no Docker call.
 */
class MetricsIT {

    private static final int POOL = 1;
    private static final int STATUS_REQUESTS = 20;
    private static final int WINDOWS = 5;

    @Test
    void aRunningPodShowsInTheMetricsAndItsStatusRequestsMakeNoDockerCall(@TempDir Path workDir) throws Exception {
        try (HostEngine engine = new HostEngine(); PluginProcess plugin = PluginProcess.start(workDir, Map.of(
                "SidecarPort", 0,
                "AVAILABLEDINDS", POOL,
                "DataRootFolder", workDir.resolve("data").toString(),
                "Docker", Map.of("DindImage", "interlink-jvm/dind:local")))) {
            InterLinkClient interLink = new InterLinkClient(plugin.address());
            Pod pod = PodRequests.shellPod("metered", "exec sleep 300");
            String jid = PodWaits.jidOf(interLink.call("POST", "/create", PodRequests.create(pod)));
            PodWaits.awaitState(interLink, pod, jid, "running");
            await("the pool refilled").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                    .until(() -> interLink.call("GET", "/readyz", null).statusCode() == 200);

            assertTheMetricsOfOneRunningPod(await("the start timed").atMost(Duration.ofSeconds(10))
                    .until(() -> scrape(interLink), text -> !text.samples("interlink_pod_start_seconds_count")
                            .isEmpty()));
            assertStatusRequestsMakeNoDockerCall(interLink, PodRequests.status(pod, jid));

            assertThat(interLink.call("POST", "/delete", PodRequests.write(pod)).statusCode()).isEqualTo(200);
            await("the pod to be gone").atMost(Duration.ofMinutes(1)).untilAsserted(() ->
                    assertThat(engine.containersOf(pod.getMetadata().getUid())).isEmpty());
            assertThat(scrape(interLink).sum("interlink_pods", Map.of())).isZero();
            assertThat(plugin.stop()).as("exit code after SIGTERM").isIn(0, 143);
        }
    }

    private static void assertTheMetricsOfOneRunningPod(PrometheusText metrics) {
        assertThat(metrics.samples()).allSatisfy(sample ->
                assertThat(metrics.typeOf(sample)).as("the TYPE of %s", sample.name()).isPresent());
        assertThat(metrics.value("interlink_pods", Map.of("phase", "Running"))).isEqualTo(1);
        assertThat(metrics.sum("interlink_pods", Map.of())).isEqualTo(1);
        assertThat(metrics.value("interlink_pod_start_seconds_count", Map.of("outcome", "running"))).isEqualTo(1);
        assertThat(metrics.value("interlink_pod_start_seconds_bucket", Map.of("outcome", "running", "le", "+Inf")))
                .isEqualTo(1);
        assertThat(metrics.value("interlink_pool_target", Map.of())).isEqualTo(POOL);
        assertThat(metrics.value("interlink_pool_sandboxes", Map.of())).isEqualTo(POOL);
        assertThat(metrics.sum("interlink_docker_calls_total", Map.of())).isPositive();
        assertThat(metrics.sum("interlink_docker_calls_total", Map.of("engine", "sandbox"))).isPositive();
        assertThat(metrics.value("interlink_image_moves_seconds_count", Map.of("outcome", "succeeded")))
                .isEqualTo(1);
        assertThat(metrics.value("interlink_image_moved_bytes_total", Map.of())).isPositive();
    }

    /**
     * Background work may call Docker while the status requests run (the reconcile every 30 s, a readiness refresh,
     * the pool's refill), and the counters cannot tell whose call it was. But a {@code /status} that called Docker
     * would add at least {@value #STATUS_REQUESTS} calls to every window of {@value #STATUS_REQUESTS} requests: so
     * the requests are made in up to {@value #WINDOWS} windows, and one window in which the calls did not grow at
     * all proves that {@code /status} makes none.
     */
    private static void assertStatusRequestsMakeNoDockerCall(InterLinkClient interLink, String status) {
        List<Double> addedPerWindow = new ArrayList<>();
        while (addedPerWindow.size() < WINDOWS && !addedPerWindow.contains(0.0)) {
            double before = scrape(interLink).sum("interlink_docker_calls_total", Map.of());
            for (int request = 0; request < STATUS_REQUESTS; request++) {
                HttpResponse<String> answer = interLink.call("GET", "/status", status);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                assertThat(InterLinkClient.json(answer).at("/0/containers/0/state/running").isObject()).isTrue();
            }
            addedPerWindow.add(scrape(interLink).sum("interlink_docker_calls_total", Map.of()) - before);
        }
        assertThat(addedPerWindow).as("Docker calls added by each window of %d status requests", STATUS_REQUESTS)
                .contains(0.0);
        assertThat(scrape(interLink).value("interlink_http_requests_seconds_count",
                Map.of("endpoint", "/status", "method", "GET", "status", "200")))
                .isGreaterThanOrEqualTo(STATUS_REQUESTS * addedPerWindow.size());
    }

    private static PrometheusText scrape(InterLinkClient interLink) {
        HttpResponse<String> response = interLink.call("GET", "/metrics", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .contains("text/plain; version=0.0.4; charset=utf-8");
        return PrometheusText.parse(response.body());
    }
}
