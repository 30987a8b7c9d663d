package eu.interlink.jvm.host.http;

import static eu.interlink.jvm.host.http.PluginApiTest.error;
import static eu.interlink.jvm.host.testing.Pods.createRequest;
import static eu.interlink.jvm.host.testing.Pods.pod;
import static org.assertj.core.api.Assertions.assertThat;

import eu.interlink.jvm.host.PluginHost;
import eu.interlink.jvm.host.config.HostSettings;
import eu.interlink.jvm.host.metrics.PluginMetrics;
import eu.interlink.jvm.host.testing.Client;
import eu.interlink.jvm.host.testing.TestRuntime;
import eu.interlink.jvm.host.testing.TestSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Whatever arrives, the host answers a short JSON error naming the problem, and keeps serving. */
class BadInputTest {

    private static final int LIMIT = 4096;

    private final TestRuntime runtime = new TestRuntime();
    private PluginHost host;
    private Client client;

    @BeforeEach
    void start() {
        host = PluginHost.start(TestSettings.loopback(LIMIT, HostSettings.DEFAULT_IDLE_TIMEOUT), runtime,
                PluginMetrics.open());
        client = new Client(host.uri());
    }

    @AfterEach
    void stillServesAndStop() throws Exception {
        assertThat(client.send("GET", "/healthz", null).getStatus()).isEqualTo(200);
        assertThat(runtime.created).isEmpty();
        client.close();
        host.close();
    }

    @Test
    void malformed_json_is_a_400() {
        ContentResponse response = client.send("POST", "/create", "{\"pod\": {,}");

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(error(response)).contains("Unexpected character (',' (code 44))");
    }

    @Test
    void truncated_json_is_a_400() {
        String whole = createRequest("p", "uid-1");

        ContentResponse response = client.send("POST", "/create", whole.substring(0, whole.length() / 2));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(error(response)).contains("JSON");
    }

    @Test
    void a_field_of_the_wrong_type_is_a_400_naming_the_field() {
        String body = createRequest("p", "uid-1").replace("\"containers\":[{\"name\":\"main\",\"image\":\"nginx\"}]",
                "\"containers\": 5");

        ContentResponse response = client.send("POST", "/create", body);

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(error(response)).startsWith("pod.spec.containers");
    }

    @Test
    void a_pod_without_uid_is_a_400_naming_the_field() {
        ContentResponse response = client.send("POST", "/create", createRequest("p", "uid-1").replace("\"uid\":\"uid-1\"", "\"x\":1"));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(error(response)).isEqualTo("pod.metadata.uid: required");
    }

    @Test
    void a_status_request_that_is_not_an_array_of_pods_is_a_400() {
        ContentResponse response = client.send("GET", "/status", "[" + pod("p", "uid-1") + ", 7]");

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(error(response)).startsWith("[1]");
    }

    @Test
    void a_log_request_without_container_is_a_400() {
        ContentResponse response = client.send("GET", "/getLogs", "{\"PodUID\":\"uid-1\"}");

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(error(response)).isEqualTo("ContainerName: required");
    }

    @Test
    void a_declared_length_over_the_limit_is_a_413() {
        ContentResponse response = Client.send(client.request("POST", "/create", null)
                .body(new BytesRequestContent("application/json", new byte[LIMIT + 1])));

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(error(response)).isEqualTo("request body over 4096 bytes (Host.MaxRequestBytes)");
    }

    @Test
    void a_client_still_sending_a_body_far_over_the_limit_reads_the_413_not_a_reset() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int attempt = 0; attempt < 30; attempt++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(host.uri() + "/create"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2 * 1024 * 1024])).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(413);
        }
    }

    @Test
    void a_chunked_body_over_the_limit_is_a_413() throws IOException {
        StringBuilder chunks = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            chunks.append("400\r\n").append("x".repeat(1024)).append("\r\n");
        }
        chunks.append("0\r\n\r\n");

        String reply = exchange("POST /create HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks);

        assertThat(reply).startsWith("HTTP/1.1 413 ");
        assertThat(reply).endsWith("{\"error\":\"request body over 4096 bytes (Host.MaxRequestBytes)\"}");
    }

    @Test
    void a_chunked_body_up_to_the_limit_is_read() throws IOException {
        String json = "[" + pod("p", "uid-1") + "]";
        String first = json.substring(0, 10);
        String rest = json.substring(10);

        String reply = exchange("GET /status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(first.length()) + "\r\n" + first + "\r\n"
                + Integer.toHexString(rest.length()) + "\r\n" + rest + "\r\n0\r\n\r\n");

        assertThat(reply).startsWith("HTTP/1.1 200 ").contains("\"UID\":\"uid-1\"");
    }

    @Test
    void a_wrong_method_is_a_405_with_the_allowed_ones() {
        ContentResponse response = client.send("DELETE", "/create", null);

        assertThat(response.getStatus()).isEqualTo(405);
        assertThat(response.getHeaders().get("Allow")).isEqualTo("POST");
        assertThat(error(response)).isEqualTo("DELETE is not allowed on /create; use POST");
    }

    @Test
    void an_unknown_path_is_a_404() {
        ContentResponse response = client.send("GET", "/system-info", null);

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(error(response)).startsWith("no endpoint at /system-info");
    }

    @Test
    void a_malformed_http_request_gets_a_json_error_from_jetty() throws IOException {
        String reply = exchange("GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: banana\r\n\r\n");

        assertThat(reply).startsWith("HTTP/1.1 400 ");
        assertThat(reply).containsIgnoringCase("Content-Type: application/json");
        assertThat(reply).containsPattern("\\{\"error\":\"[^\"]+\"}$");
    }

    /** Sends raw bytes, for what an HTTP client would not send, and reads the reply until the host closes. */
    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket(host.uri().getHost(), host.uri().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
