package eu.interlink.jvm.itests;

import static eu.interlink.jvm.itests.InterLinkClient.json;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input corpus ({@code hostile/index.json}) against the runnable jar over HTTP: every request is
 * refused with a 4xx and a JSON reason naming the problem, or, where the problem can only show once the pod runs,
 * the pod's status names it; no file appears outside {@code DataRootFolder}; afterwards the plugin is healthy and
 * runs no more threads than before.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REQUEST_BYTES = 1024 * 1024;

    @TempDir
    static Path workDir;

    private static HostEngine engine;
    private static PluginProcess plugin;
    private static InterLinkClient interLink;
    private static Path outside;
    private static Set<Path> treeBefore;
    private static long threadsBefore;

    @BeforeAll
    static void startThePlugin() throws IOException {
        engine = new HostEngine();
        outside = Files.createDirectories(workDir.resolve("outside"));
        plugin = PluginProcess.start(workDir, Map.of(
                "SidecarPort", 0,
                "DataRootFolder", workDir.resolve("data").toString(),
                "Host", Map.of("MaxRequestBytes", MAX_REQUEST_BYTES),
                "AVAILABLEDINDS", 1,
                "Docker", Map.of("DindImage", "interlink-jvm/dind:local")));
        interLink = new InterLinkClient(plugin.address());
        await("readiness").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> interLink.call("GET", "/readyz", null).statusCode() == 200);
        treeBefore = treeOutsideTheDataRoot();
        threadsBefore = plugin.threads();
    }

    @AfterAll
    static void stopThePlugin() throws InterruptedException {
        if (plugin != null) {
            plugin.stop();
        }
        if (engine != null) {
            engine.close();
        }
    }

    static Stream<Entry> corpus() throws IOException {
        try (InputStream index = HostileInputIT.class.getResourceAsStream("/hostile/index.json")) {
            return Arrays.stream(JSON.readValue(index, Entry[].class));
        }
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRefusedWithAJsonReasonOrItsPodStatusNamesTheProblem(Entry entry) throws IOException {
        String uid = UUID.randomUUID().toString();
        byte[] body = entry.body(uid);

        HttpResponse<String> response = interLink.send(entry.method(), entry.path(), body);

        if (response.statusCode() == 200 && entry.status() != 200 && entry.path().equals("/create")) {
            deleteAndAwaitNoTrace(JSON.readTree(body).get("pod"), uid);
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(entry.status());
        if (entry.status() >= 400) {
            assertThat(json(response).path("error").asText()).as(response.body())
                    .isNotBlank().contains(entry.fill(entry.error(), uid));
            assertThat(engine.containersOf(uid)).as("containers of a refused pod").isEmpty();
        } else {
            runToTheEnd(entry, uid, new String(body, UTF_8), json(response).get("PodJID").asText());
        }
    }

    @Order(2)
    @Test
    void staysHealthyWritesNothingOutsideItsDataRootAndLeaksNoThreads() throws IOException {
        assertThat(interLink.call("GET", "/healthz", null).statusCode()).isEqualTo(200);
        assertThat(interLink.call("GET", "/status", "[]").statusCode()).isEqualTo(200);
        assertThat(treeOutsideTheDataRoot()).isEqualTo(treeBefore);
        await("threads of deleted pods to end").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(plugin::threads, threads -> threads <= threadsBefore + 5);
        // An answered 500 as the request log writes it, not any " 500 " (a sandbox "ready in 500 ms").
        assertThat(plugin.output()).doesNotContainPattern("RequestLogger - \\S+ \\S+ 500 ")
                .doesNotContain("StackOverflowError", "OutOfMemoryError", " failed\n");
    }

    private static void runToTheEnd(Entry entry, String uid, String body, String jobId) throws IOException {
        ObjectNode pod = (ObjectNode) JSON.readTree(body).get("pod");
        ((ObjectNode) pod.with("metadata").with("annotations")).put("JobID", jobId);
        String statusBody = JSON.writeValueAsString(List.of(pod));
        if (entry.podStatus() != null) {
            await("a pod status naming " + entry.podStatus()).atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> interLink.call("GET", "/status", statusBody).body(),
                            status -> status.contains(entry.podStatus()));
        } else {
            await("the container to end").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> json(interLink.call("GET", "/status", statusBody)).at("/0/containers/0/state"),
                            state -> state.has("terminated"));
            String logs = JSON.writeValueAsString(Map.of("PodUID", uid, "PodName", "hostile", "Namespace", "itests",
                    "ContainerName", "app", "Opts", Map.of()));
            assertThat(interLink.call("GET", "/getLogs", logs).body()).isEqualTo(entry.fill(entry.log(), uid));
        }
        deleteAndAwaitNoTrace(pod, uid);
    }

    private static void deleteAndAwaitNoTrace(JsonNode pod, String uid) throws IOException {
        assertThat(interLink.call("POST", "/delete", JSON.writeValueAsString(pod)).statusCode()).isEqualTo(200);
        await("the pod's containers to be gone").atMost(Duration.ofMinutes(1))
                .until(() -> engine.containersOf(uid).isEmpty());
    }

    private static Set<Path> treeOutsideTheDataRoot() throws IOException {
        Path data = workDir.resolve("data");
        try (Stream<Path> tree = Files.walk(workDir)) {
            return tree.filter(path -> !path.startsWith(data) && !path.equals(workDir.resolve("plugin.log")))
                    .collect(Collectors.toSet());
        }
    }

    /**
     * One request of the corpus and what it must get. The body file may name {@code ${UID}} (a fresh pod UID) and
     * {@code ${OUTSIDE}} (a folder outside the data root that must stay empty).
     *
     * @param body       the body's file next to the index; null for none, or see bodyBase64
     * @param bodyBase64 the body's bytes, for bodies that are not UTF-8
     * @param padTo      pads the body with spaces to this many bytes; 0 for none
     * @param error      what the {@code error} of a 4xx reply contains
     * @param podStatus  for a pod that is accepted: what its status comes to contain
     * @param log        for a pod that is accepted and ends: its container's whole log
     */
    record Entry(String id, String name, String method, String path, String body, String bodyBase64, int padTo,
                 int status, String error, String podStatus, String log) {

        byte[] body(String uid) throws IOException {
            if (bodyBase64 != null) {
                return Base64.getDecoder().decode(bodyBase64);
            }
            if (body == null) {
                return null;
            }
            try (InputStream in = HostileInputIT.class.getResourceAsStream("/hostile/" + body)) {
                byte[] filled = fill(new String(in.readAllBytes(), UTF_8), uid).getBytes(UTF_8);
                return padTo <= filled.length ? filled : (new String(filled, UTF_8) + " ".repeat(padTo - filled.length))
                        .getBytes(UTF_8);
            } catch (NullPointerException missing) {
                throw new UncheckedIOException(new IOException("no corpus file " + body));
            }
        }

        String fill(String text, String uid) {
            return text.replace("${UID}", uid).replace("${OUTSIDE}", outside.toString());
        }

        @Override
        public String toString() {
            return id + " " + name;
        }
    }
}
