package eu.interlink.jvm.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import eu.interlink.jvm.host.PluginHost;
import eu.interlink.jvm.host.config.HostSettings;
import eu.interlink.jvm.host.metrics.PluginMetrics;
import eu.interlink.jvm.host.testing.Client;
import eu.interlink.jvm.host.testing.PrometheusText;
import eu.interlink.jvm.host.testing.TestRuntime;
import eu.interlink.jvm.host.testing.TestSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} over real HTTP, parsed as Prometheus parses it, and checked against the requests made. */
class MetricsEndpointTest {

    private static final String REQUESTS = "interlink_http_requests_seconds";

    private final PluginMetrics metrics = PluginMetrics.open();
    private PluginHost host;
    private Client client;

    @BeforeEach
    void start() {
        host = PluginHost.start(TestSettings.loopback(64 * 1024, HostSettings.DEFAULT_IDLE_TIMEOUT), new TestRuntime(),
                metrics);
        client = new Client(host.uri());
    }

    @AfterEach
    void stop() {
        client.close();
        host.close();
    }

    @Test
    void answersPrometheusTextInWhichEverySampleBelongsToATypedFamilyWithTheJvmsMeters() {
        ContentResponse response = client.send("GET", "/metrics", null);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeaders().get(HttpHeader.CONTENT_TYPE))
                .isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        PrometheusText text = PrometheusText.parse(response.getContentAsString());
        assertThat(text.samples()).isNotEmpty().allSatisfy(sample ->
                assertThat(text.typeOf(sample)).as("the TYPE of %s", sample.name()).isPresent());
        assertThat(text.sum("jvm_memory_used_bytes", Map.of())).isPositive();
        assertThat(text.value("jvm_threads_live_threads", Map.of())).isPositive();
        assertThat(text.value("system_cpu_count", Map.of())).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(text.value("process_uptime_seconds", Map.of())).isPositive();
    }

    @Test
    void countsEachRequestByEndpointMethodAndStatusAndNeverByAnUnknownPath() {
        PrometheusText before = scrape();

        for (int ping = 0; ping < 3; ping++) {
            assertThat(client.send("GET", "/status", "[]").getStatus()).isEqualTo(200);
        }
        assertThat(client.send("GET", "/nowhere/" + System.nanoTime(), null).getStatus()).isEqualTo(404);
        assertThat(client.send("POST", "/readyz", null).getStatus()).isEqualTo(405);
        PrometheusText after = scrape();

        assertThat(requests(after, "/status", "GET", "200") - requests(before, "/status", "GET", "200"))
                .isEqualTo(3);
        assertThat(requests(after, "other", "GET", "404") - requests(before, "other", "GET", "404")).isEqualTo(1);
        assertThat(requests(after, "/readyz", "POST", "405")).isEqualTo(1);
        assertThat(requests(after, "/metrics", "GET", "200")).as("the scrape before").isEqualTo(1);
        assertThat(after.samples(REQUESTS + "_count")).allSatisfy(sample ->
                assertThat(sample.labels().get("endpoint")).isIn("/status", "/readyz", "/metrics", "other"));
        assertThat(after.value(REQUESTS + "_sum", Map.of("endpoint", "/status", "method", "GET", "status", "200")))
                .isPositive();
    }

    @Test
    void eachHistogramsBucketsAreCumulativeAndEndWithInfinityEqualToTheCount() {
        client.send("GET", "/status", "[]");
        client.send("GET", "/healthz", null);
        PrometheusText text = scrape();

        assertThat(text.families("histogram")).contains(REQUESTS);
        for (String histogram : text.families("histogram")) {
            Map<Map<String, String>, List<PrometheusText.Sample>> series = new LinkedHashMap<>();
            text.samples(histogram + "_bucket").forEach(bucket -> {
                Map<String, String> labels = new LinkedHashMap<>(bucket.labels());
                labels.remove("le");
                series.computeIfAbsent(labels, key -> new ArrayList<>()).add(bucket);
            });
            assertThat(series).as("the series of %s", histogram).isNotEmpty();
            series.forEach((labels, buckets) -> {
                List<Double> bounds = buckets.stream().map(bucket -> bound(bucket.labels().get("le"))).toList();
                List<Double> counts = buckets.stream().map(PrometheusText.Sample::value).toList();
                assertThat(bounds).as("%s %s le", histogram, labels).isSorted().doesNotHaveDuplicates()
                        .endsWith(Double.POSITIVE_INFINITY);
                assertThat(counts).as("%s %s buckets", histogram, labels).isSorted();
                assertThat(counts.get(counts.size() - 1)).as("%s %s +Inf", histogram, labels)
                        .isEqualTo(text.value(histogram + "_count", labels));
            });
        }
    }

    private PrometheusText scrape() {
        ContentResponse response = client.send("GET", "/metrics", null);
        assertThat(response.getStatus()).isEqualTo(200);
        return PrometheusText.parse(response.getContentAsString());
    }

    private static double requests(PrometheusText text, String endpoint, String method, String status) {
        return text.sum(REQUESTS + "_count", Map.of("endpoint", endpoint, "method", method, "status", status));
    }

    private static double bound(String le) {
        return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    }
}
