package eu.interlink.jvm.host.http;

import static eu.interlink.jvm.host.testing.Client.json;
import static eu.interlink.jvm.host.testing.Pods.createRequest;
import static eu.interlink.jvm.host.testing.Pods.logRequest;
import static eu.interlink.jvm.host.testing.Pods.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.api.runtime.PodNotFoundException;
import eu.interlink.jvm.api.runtime.RuntimeUnavailableException;
import eu.interlink.jvm.api.runtime.Readiness;
import eu.interlink.jvm.api.wire.AcceleratorAvailability;
import eu.interlink.jvm.api.wire.NodeResources;
import eu.interlink.jvm.host.PluginHost;
import eu.interlink.jvm.host.config.HostSettings;
import eu.interlink.jvm.host.metrics.PluginMetrics;
import eu.interlink.jvm.host.testing.Client;
import eu.interlink.jvm.host.testing.TestRuntime;
import eu.interlink.jvm.host.testing.TestSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The interLink plugin API, over real HTTP, with a test runtime behind it: what interLink sends, and gets. */
class PluginApiTest {

    private final TestRuntime runtime = new TestRuntime();
    private PluginHost host;
    private Client client;

    @BeforeEach
    void start() {
        host = PluginHost.start(TestSettings.loopback(64 * 1024, HostSettings.DEFAULT_IDLE_TIMEOUT), runtime,
                PluginMetrics.open());
        client = new Client(host.uri());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        host.close();
    }

    @Nested
    @DisplayName("POST /create")
    class Create {

        @Test
        void accepts_one_object_and_answers_the_uid_and_job_id() {
            ContentResponse response = client.send("POST", "/create", createRequest("p", "uid-1"));

            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getMediaType()).isEqualTo("application/json");
            JsonNode reply = json(response);
            assertThat(fieldNames(reply)).containsExactly("PodUID", "PodJID");
            assertThat(reply.get("PodUID").asText()).isEqualTo("uid-1");
            assertThat(reply.get("PodJID").asText()).isEqualTo("job-p");
            assertThat(runtime.created).singleElement().satisfies(data -> {
                assertThat(data.podUid()).isEqualTo("uid-1");
                assertThat(data.container()).extracting(c -> c.name()).containsExactly("init", "main");
            });
        }

        @Test
        void accepts_the_one_element_array_of_interlink_0_3_and_0_4() {
            ContentResponse response = client.send("POST", "/create", "[" + createRequest("p", "uid-1") + "]");

            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(json(response).get("PodUID").asText()).isEqualTo("uid-1");
            assertThat(runtime.created).hasSize(1);
        }

        @Test
        void refuses_an_array_of_two_pods() {
            ContentResponse response = client.send("POST", "/create",
                    "[" + createRequest("p", "uid-1") + "," + createRequest("q", "uid-2") + "]");

            assertThat(response.getStatus()).isEqualTo(400);
            assertThat(error(response)).isNotBlank();
            assertThat(runtime.created).isEmpty();
        }

        @Test
        void answers_400_with_the_runtimes_message_for_a_pod_it_cannot_run() {
            runtime.createFailure = new InvalidPodException("spec.containers[0].securityContext.privileged: not allowed");

            ContentResponse response = client.send("POST", "/create", createRequest("p", "uid-1"));

            assertThat(response.getStatus()).isEqualTo(400);
            assertThat(error(response)).isEqualTo("spec.containers[0].securityContext.privileged: not allowed");
        }

        @Test
        void answers_503_with_the_runtimes_message_when_its_backend_does_not_answer() {
            runtime.createFailure = new RuntimeUnavailableException("cannot inspect network n: no answer within 3 s",
                    null);

            ContentResponse response = client.send("POST", "/create", createRequest("p", "uid-1"));

            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(error(response)).isEqualTo("cannot inspect network n: no answer within 3 s");
        }

        @Test
        void answers_500_with_a_generic_message_when_the_runtime_fails() {
            runtime.createFailure = new IllegalStateException("secret internals");

            ContentResponse response = client.send("POST", "/create", createRequest("p", "uid-1"));

            assertThat(response.getStatus()).isEqualTo(500);
            assertThat(error(response)).isEqualTo(ExceptionReplies.INTERNAL_ERROR).doesNotContain("secret");
        }
    }

    @Nested
    @DisplayName("POST /delete")
    class Delete {

        @Test
        void deletes_the_pod_and_answers_an_empty_json_array() {
            ContentResponse response = client.send("POST", "/delete", pod("p", "uid-1"));

            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getMediaType()).isEqualTo("application/json");
            assertThat(response.getContentAsString()).isEqualTo("[]");
            assertThat(runtime.deleted).singleElement()
                    .satisfies(pod -> assertThat(pod.getMetadata().getUid()).isEqualTo("uid-1"));
        }
    }

    @Nested
    @DisplayName("GET /status")
    class Status {

        @Test
        void answers_the_ping_without_resources_when_the_capacity_is_unknown() {
            ContentResponse response = client.send("GET", "/status", "[]");

            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getMediaType()).isEqualTo("application/json");
            assertThat(response.getContentAsString()).isEqualTo("{\"status\":\"ok\"}");
        }

        @Test
        void answers_the_ping_with_the_known_resources_only() {
            runtime.capacity = () -> new NodeResources("16", null, "110",
                    List.of(new AcceleratorAvailability("nvidia.com/gpu", "2")));

            JsonNode ping = json(client.send("GET", "/status", "[]"));

            assertThat(ping.get("status").asText()).isEqualTo("ok");
            JsonNode resources = ping.get("resources");
            assertThat(fieldNames(resources)).containsExactlyInAnyOrder("cpu", "pods", "accelerators");
            assertThat(resources.get("cpu").asText()).isEqualTo("16");
            assertThat(resources.get("pods").asText()).isEqualTo("110");
            assertThat(resources.get("accelerators").get(0).get("resourceType").asText()).isEqualTo("nvidia.com/gpu");
            assertThat(resources.get("accelerators").get(0).get("available").asText()).isEqualTo("2");
            assertThat(ping.has("taints")).isFalse();
        }

        @Test
        void answers_the_ping_without_resources_when_the_runtime_cannot_tell_them() {
            runtime.capacity = () -> {
                throw new IllegalStateException("cannot reach the engine");
            };

            ContentResponse response = client.send("GET", "/status", "[]");

            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getContentAsString()).isEqualTo("{\"status\":\"ok\"}");
        }

        @Test
        void treats_a_request_without_body_as_the_ping() {
            ContentResponse response = client.send("GET", "/status", null);

            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(json(response).get("status").asText()).isEqualTo("ok");
        }

        @Test
        void answers_one_status_per_pod_in_order_for_a_get_with_a_body() {
            ContentResponse response = client.send("GET", "/status", "[" + pod("p", "uid-1") + "," + pod("q", "uid-2") + "]");

            assertThat(response.getStatus()).isEqualTo(200);
            JsonNode statuses = json(response);
            assertThat(statuses.isArray()).isTrue();
            assertThat(statuses).extracting(status -> status.get("UID").asText()).containsExactly("uid-1", "uid-2");
            assertThat(statuses.get(0).get("name").asText()).isEqualTo("p");
            assertThat(statuses.get(0).get("namespace").asText()).isEqualTo("ns");
            assertThat(statuses.get(0).get("JID").asText()).isEqualTo("job-p");
        }

        @Test
        void accepts_post_as_well() {
            ContentResponse response = client.send("POST", "/status", "[" + pod("p", "uid-1") + "]");

            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(json(response)).extracting(status -> status.get("UID").asText()).containsExactly("uid-1");
        }

        @Test
        void answers_a_pod_whose_status_fails_with_every_container_waiting_and_the_others_as_usual() {
            var usual = runtime.status;
            runtime.status = pod -> {
                if (pod.getMetadata().getName().equals("broken")) {
                    throw new IllegalStateException("view not ready");
                }
                return usual.apply(pod);
            };

            ContentResponse response = client.send("GET", "/status",
                    "[" + pod("broken", "uid-1") + "," + pod("fine", "uid-2") + "]");

            assertThat(response.getStatus()).isEqualTo(200);
            JsonNode statuses = json(response);
            assertThat(statuses).hasSize(2);
            JsonNode broken = statuses.get(0);
            assertThat(broken.get("UID").asText()).isEqualTo("uid-1");
            assertThat(broken.get("name").asText()).isEqualTo("broken");
            assertWaitingUnavailable(broken.get("containers"), "main", "nginx");
            assertWaitingUnavailable(broken.get("initContainers"), "init", "busybox");
            assertThat(statuses.get(1).get("UID").asText()).isEqualTo("uid-2");
        }

        private void assertWaitingUnavailable(JsonNode containers, String name, String image) {
            assertThat(containers).hasSize(1);
            JsonNode container = containers.get(0);
            assertThat(container.get("name").asText()).isEqualTo(name);
            assertThat(container.get("image").asText()).isEqualTo(image);
            assertThat(container.get("ready").asBoolean()).isFalse();
            JsonNode waiting = container.get("state").get("waiting");
            assertThat(waiting.get("reason").asText()).isEqualTo("StatusUnavailable");
            assertThat(waiting.get("message").asText()).isEqualTo("view not ready");
        }
    }

    @Nested
    @DisplayName("GET /getLogs")
    class Logs {

        @Test
        void answers_the_log_as_plain_text() {
            ContentResponse response = client.send("GET", "/getLogs", logRequest("uid-1", false));

            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getHeaders().get("Content-Type")).isEqualTo("text/plain; charset=utf-8");
            assertThat(response.getContentAsString()).isEqualTo("a log line\n");
            assertThat(runtime.logRequests).singleElement().satisfies(request -> {
                assertThat(request.podUid()).isEqualTo("uid-1");
                assertThat(request.containerName()).isEqualTo("main");
                assertThat(request.options().follow()).isFalse();
            });
        }

        @Test
        void accepts_post_as_well() {
            ContentResponse response = client.send("POST", "/getLogs", logRequest("uid-1", false));

            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getContentAsString()).isEqualTo("a log line\n");
        }

        @Test
        void answers_404_for_a_pod_the_runtime_does_not_know() {
            runtime.logs = request -> {
                throw new PodNotFoundException("no pod with UID " + request.podUid());
            };

            ContentResponse response = client.send("GET", "/getLogs", logRequest("uid-9", false));

            assertThat(response.getStatus()).isEqualTo(404);
            assertThat(error(response)).isEqualTo("no pod with UID uid-9");
        }

        @Test
        void answers_404_for_an_unknown_pod_when_following_too() {
            runtime.logs = request -> {
                throw new PodNotFoundException("no pod with UID " + request.podUid());
            };

            ContentResponse response = client.send("GET", "/getLogs", logRequest("uid-9", true));

            assertThat(response.getStatus()).isEqualTo(404);
            assertThat(error(response)).isEqualTo("no pod with UID uid-9");
        }
    }

    @Nested
    @DisplayName("GET /healthz and /readyz")
    class Health {

        @Test
        void healthz_answers_ok() {
            ContentResponse response = client.send("GET", "/healthz", null);

            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getContentAsString()).isEqualTo("{\"status\":\"ok\"}");
        }

        @Test
        void readyz_answers_200_when_the_runtime_is_ready() {
            runtime.readiness = new Readiness(true, "pool 2/2 sandboxes ready");

            ContentResponse response = client.send("GET", "/readyz", null);

            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getContentAsString()).isEqualTo("{\"status\":\"ready\",\"detail\":\"pool 2/2 sandboxes ready\"}");
        }

        @Test
        void readyz_answers_503_when_the_runtime_is_not_ready() {
            runtime.readiness = new Readiness(false, "pool 0/2 sandboxes ready");

            ContentResponse response = client.send("GET", "/readyz", null);

            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(response.getContentAsString())
                    .isEqualTo("{\"status\":\"not ready\",\"detail\":\"pool 0/2 sandboxes ready\"}");
        }
    }

    @Nested
    @DisplayName("request log")
    class RequestLog {

        private final Logger logger = (Logger) LoggerFactory.getLogger(RequestLogger.class);
        private final ListAppender<ILoggingEvent> events = new ListAppender<>();

        @BeforeEach
        void capture() {
            events.start();
            logger.addAppender(events);
            logger.setLevel(Level.DEBUG);
        }

        @AfterEach
        void release() {
            logger.detachAppender(events);
            logger.setLevel(null);
        }

        @Test
        void logs_each_call_with_its_interlink_session_at_info() {
            Client.send(client.request("POST", "/create", createRequest("p", "uid-1"))
                    .headers(headers -> headers.put(RequestLogger.SESSION_HEADER, "CreatePod#12345")));

            ILoggingEvent event = awaitEvent("session=CreatePod#12345");
            assertThat(event.getLevel()).isEqualTo(Level.INFO);
            assertThat(event.getFormattedMessage()).matches("POST /create 200 \\d+ ms session=CreatePod#12345");
        }

        @Test
        void logs_the_frequent_calls_at_debug() {
            Client.send(client.request("GET", "/status", "[]")
                    .headers(headers -> headers.put(RequestLogger.SESSION_HEADER, "Request-0f1c")));
            Client.send(client.request("GET", "/metrics", null)
                    .headers(headers -> headers.put(RequestLogger.SESSION_HEADER, "Scrape-1")));

            assertThat(awaitEvent("session=Request-0f1c").getLevel()).isEqualTo(Level.DEBUG);
            assertThat(awaitEvent("session=Scrape-1").getLevel()).isEqualTo(Level.DEBUG);
        }

        @Test
        void logs_a_failed_call_with_its_error_at_info() {
            Client.send(client.request("POST", "/delete", "{}")
                    .headers(headers -> headers.put(RequestLogger.SESSION_HEADER, "DeletePod#7")));

            ILoggingEvent event = awaitEvent("session=DeletePod#7");
            assertThat(event.getLevel()).isEqualTo(Level.INFO);
            assertThat(event.getFormattedMessage()).contains("POST /delete 400 ").endsWith("error=\"metadata: required\"");
        }

        private ILoggingEvent awaitEvent(String text) {
            return await().atMost(Duration.ofSeconds(5)).until(
                    () -> events.list.stream().filter(e -> e.getFormattedMessage().contains(text)).findFirst(),
                    Optional::isPresent).orElseThrow();
        }
    }

    static String error(ContentResponse response) {
        assertThat(response.getMediaType()).isEqualTo("application/json");
        JsonNode body = json(response);
        assertThat(fieldNames(body)).containsExactly("error");
        return body.get("error").asText();
    }

    static List<String> fieldNames(JsonNode node) {
        return StreamSupport.stream(((Iterable<String>) node::fieldNames).spliterator(), false).toList();
    }
}
