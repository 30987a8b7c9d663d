package eu.interlink.jvm.host.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.LogRequest;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import eu.interlink.jvm.api.wire.WireFormat;
import eu.interlink.jvm.host.testing.Pods;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Callback;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link PluginClient} sends exactly, and what it makes of answers a well-behaved plugin never gives. */
class PluginClientAnswersTest {

    private static final String CREATED = "{\"PodUID\":\"uid-1\",\"PodJID\":\"job-1\"}";
    private static final String CREATE_EXPECTED = "a JSON object {\"PodUID\":…,\"PodJID\":…}";

    private final WireFormat wire = new WireFormat();
    private FakePlugin plugin;
    private PluginClient client;

    @TempDir
    Path directory;

    @AfterEach
    void stop() throws Exception {
        client.close();
        plugin.close();
    }

    @Test
    void sends_interlinks_headers_and_bodies_on_every_call_with_host_unix_over_a_socket() throws Exception {
        start(FakePlugin.overUnixSocket(directory.resolve("plugin.sock")));
        plugin.on("/create", 200, CREATED);
        plugin.on("/status", 200, "[{\"name\":\"p\",\"UID\":\"uid-1\"}]");
        plugin.on("/delete", 200, "[]");
        plugin.on("/getLogs", 200, "a line\n");

        client.create(createRequest());
        client.status(pod());
        client.delete(pod());
        client.logs(logRequest(), new ByteArrayOutputStream());

        assertThat(plugin.received).extracting(r -> r.method() + " " + r.path())
                .containsExactly("POST /create", "GET /status", "POST /delete", "GET /getLogs");
        assertThat(plugin.received).extracting(r -> r.headers().get(PluginClient.SESSION_HEADER))
                .containsExactly("CLI-create#1", "CLI-status#2", "CLI-delete#3", "CLI-logs#4");
        assertThat(plugin.received).allSatisfy(r -> {
            assertThat(r.headers().get(HttpHeader.CONTENT_TYPE)).isEqualTo("application/json");
            assertThat(r.headers().get(HttpHeader.HOST)).isEqualTo("unix");
        });
        assertThat(wire.readCreateRequest(body(0))).isEqualTo(createRequest());
        assertThat(wire.readPods(body(1))).singleElement()
                .satisfies(pod -> assertThat(pod.getMetadata().getUid()).isEqualTo("uid-1"));
        assertThat(plugin.received.get(1).body()).startsWith("[");
        assertThat(wire.readPod(body(2)).getMetadata().getUid()).isEqualTo("uid-1");
        assertThat(wire.readLogRequest(body(3))).isEqualTo(logRequest());
    }

    @Test
    void presents_a_bearer_token_when_given_one_and_none_otherwise() throws Exception {
        start(FakePlugin.overTcp());
        plugin.on("/delete", 200, "[]");
        try (PluginClient withToken = PluginClient.connect(plugin.address(), Optional.of("s3cret-token"))) {
            withToken.delete(pod());
        }
        client.delete(pod());

        assertThat(plugin.received).extracting(r -> String.valueOf(r.headers().get(HttpHeader.AUTHORIZATION)))
                .containsExactly("Bearer s3cret-token", "null");
    }

    @Test
    void accepts_a_trailing_slash_in_the_url() throws Exception {
        start(FakePlugin.overTcp());
        plugin.on("/create", 200, CREATED);
        try (PluginClient slashed = PluginClient.connect(PluginAddress.parse(plugin.address() + "/"),
                Optional.empty())) {
            assertThat(slashed.create(createRequest())).isEqualTo(new CreateResponse("uid-1", "job-1"));
        }
        assertThat(plugin.received).extracting(FakePlugin.Received::path).containsExactly("/create");
    }

    @Test
    void a_create_answer_that_is_not_json_names_the_call_and_what_was_expected() throws Exception {
        start(FakePlugin.overTcp());
        plugin.on("/create", 200, "created!");

        assertThatThrownBy(() -> client.create(createRequest()))
                .isInstanceOfSatisfying(PluginCallException.class, e -> assertThat(e.status()).isEmpty())
                .hasMessageStartingWith("POST /create answered 200 with a body that is not " + CREATE_EXPECTED + ": "
                        + "Unrecognized token 'created'");
    }

    @Test
    void an_empty_create_answer_names_the_call_and_what_was_expected() throws Exception {
        start(FakePlugin.overTcp());
        plugin.on("/create", 200, "");

        assertThatThrownBy(() -> client.create(createRequest()))
                .isInstanceOf(PluginCallException.class)
                .hasMessage("POST /create answered 200 with an empty body: expected " + CREATE_EXPECTED);
    }

    @Test
    void a_status_answer_without_the_pod_is_refused() throws Exception {
        start(FakePlugin.overTcp());
        plugin.on("/status", 200, "[]");

        assertThatThrownBy(() -> client.status(pod()))
                .isInstanceOf(PluginCallException.class)
                .hasMessage("GET /status answered 0 statuses for the one pod asked, UID uid-1");
    }

    @Test
    void a_status_answer_for_another_uid_is_refused() throws Exception {
        start(FakePlugin.overTcp());
        plugin.on("/status", 200, "[{\"name\":\"p\",\"UID\":\"uid-2\"}]");

        assertThatThrownBy(() -> client.status(pod()))
                .isInstanceOf(PluginCallException.class)
                .hasMessage("GET /status answered the status of UID uid-2 for pod UID uid-1");
    }

    @Test
    void a_status_answer_that_is_an_object_names_what_was_expected() throws Exception {
        start(FakePlugin.overTcp());
        plugin.on("/status", 200, "{\"name\":\"p\",\"UID\":\"uid-1\"}");

        assertThatThrownBy(() -> client.status(pod()))
                .isInstanceOf(PluginCallException.class)
                .hasMessageStartingWith("GET /status answered 200 with a body that is not a JSON array of pod statuses: ");
    }

    @Test
    void quotes_the_first_line_of_an_error_body_cut_at_300_characters() throws Exception {
        start(FakePlugin.overTcp());
        plugin.on("/delete", 502, "x".repeat(400) + "\nsecond line");

        assertThatThrownBy(() -> client.delete(pod()))
                .isInstanceOfSatisfying(PluginCallException.class, e -> assertThat(e.status()).hasValue(502))
                .hasMessage("POST /delete answered 502: " + "x".repeat(300) + "…");
    }

    @Test
    void a_log_that_breaks_off_is_an_io_exception_after_what_came() throws Exception {
        start(FakePlugin.overTcp());
        plugin.on("/getLogs", (response, callback) -> Content.Sink.write(response, false, "partial\n",
                Callback.from(() -> callback.failed(new IOException("the container runtime went away")),
                        callback::failed)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> client.logs(logRequest(), out))
                .isInstanceOf(IOException.class)
                .hasMessage("the log from " + plugin.address()
                        + " broke off: the plugin closed the connection before the end of its answer");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("partial\n");
    }

    private void start(FakePlugin fake) {
        plugin = fake;
        client = PluginClient.connect(fake.address(), Optional.empty());
    }

    private byte[] body(int index) {
        return plugin.received.get(index).body().getBytes(StandardCharsets.UTF_8);
    }

    private RetrievedPodData createRequest() {
        return wire.readCreateRequest(Pods.createRequest("p", "uid-1").getBytes(StandardCharsets.UTF_8));
    }

    private Pod pod() {
        return wire.readPod(Pods.pod("p", "uid-1").getBytes(StandardCharsets.UTF_8));
    }

    private LogRequest logRequest() {
        return wire.readLogRequest(Pods.logRequest("uid-1", true).getBytes(StandardCharsets.UTF_8));
    }
}
