package eu.interlink.jvm.itests;

import static eu.interlink.jvm.itests.InterLinkClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar on the real Docker engine, driven over HTTP exactly as interLink drives it. */
class PodLifecycleIT {

    @TempDir
    static Path workDir;

    private static HostEngine engine;
    private static PluginProcess plugin;
    private static InterLinkClient interLink;

    @BeforeAll
    static void startThePlugin() throws IOException {
        engine = new HostEngine();
        plugin = PluginProcess.start(workDir, Map.of(
                "SidecarPort", 0,
                "DataRootFolder", workDir.resolve("data").toString(),
                "Docker", Map.of("DindImage", "interlink-jvm/dind:local")));
        interLink = new InterLinkClient(plugin.address());
    }

    @AfterAll
    static void stopThePlugin() throws InterruptedException {
        if (plugin != null) {
            assertThat(plugin.stop()).as("exit code after SIGTERM").isIn(0, 143);
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void answersTheHealthPingWithTheEnginesCapacity() {
        HttpResponse<String> ping = interLink.call("GET", "/status", "[]");

        assertThat(ping.statusCode()).isEqualTo(200);
        JsonNode body = json(ping);
        assertThat(body.get("status").asText()).isEqualTo("ok");
        assertThat(body.at("/resources/cpu").asText()).isEqualTo(String.valueOf(engine.cpus()));
        assertThat(body.at("/resources/memory").asText()).isNotBlank().isNotEqualTo("0");
    }

    @Test
    void saysItIsReadyOnceItsPoolOfSandboxesIsFull() {
        HttpResponse<String> ready = await("readiness").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> interLink.call("GET", "/readyz", null), response -> response.statusCode() == 200);

        assertThat(json(ready).get("status").asText()).isEqualTo("ready");
        assertThat(json(ready).get("detail").asText()).contains("pool 2/2 sandboxes ready");
        assertThat(interLink.call("GET", "/healthz", null).statusCode()).isEqualTo(200);
    }

    @Test
    void takesABodylessStatusForThePing() {
        HttpResponse<String> ping = interLink.call("GET", "/status", null);

        assertThat(ping.statusCode()).isEqualTo(200);
        assertThat(json(ping).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void runsAPodToItsExitCodeGivesItsLogAndDeletesItWithoutATrace() {
        Pod pod = PodRequests.shellPod("exit-three", "echo hello from the pod; exit 3");

        HttpResponse<String> created = interLink.call("POST", "/create", PodRequests.create(pod));

        assertThat(created.statusCode()).isEqualTo(200);
        JsonNode answer = json(created);
        assertThat(answer.get("PodUID").asText()).isEqualTo(pod.getMetadata().getUid());
        String jobId = answer.get("PodJID").asText();
        assertThat(jobId).isNotBlank();

        JsonNode terminated = awaitContainerState(pod, jobId, "terminated");
        assertThat(terminated.get("exitCode").asInt()).isEqualTo(3);
        assertThat(terminated.get("reason").asText()).isEqualTo("Error");
        assertThat(terminated.get("startedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(terminated.get("finishedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

        HttpResponse<String> logs = interLink.call("GET", "/getLogs", PodRequests.logs(pod, "app", false));
        assertThat(logs.statusCode()).isEqualTo(200);
        assertThat(logs.body()).isEqualTo("hello from the pod\n");

        deleteAndExpectNoTrace(pod, jobId);
    }

    @Test
    void acceptsTheArrayFormOfInterLink04() {
        Pod pod = PodRequests.shellPod("old-format", "echo from the old format");

        HttpResponse<String> created = interLink.call("POST", "/create", PodRequests.createAsArray(pod));

        assertThat(created.statusCode()).isEqualTo(200);
        JsonNode answer = json(created);
        assertThat(answer.isObject()).isTrue();
        assertThat(answer.get("PodUID").asText()).isEqualTo(pod.getMetadata().getUid());
        String jobId = answer.get("PodJID").asText();
        JsonNode terminated = awaitContainerState(pod, jobId, "terminated");
        assertThat(terminated.get("exitCode").asInt()).isZero();
        assertThat(terminated.get("reason").asText()).isEqualTo("Completed");

        deleteAndExpectNoTrace(pod, jobId);
    }

    @Test
    void givesAPodTheConfigMapsAndSecretsInterLinkSendsWithIt() {
        Pod pod = new PodBuilder(PodRequests.shellPod("objects",
                "cat /etc/app/greeting; echo; echo \"$PASSWORD\"; ls -l /var/run/creds/password | cut -c1-10"))
                .editSpec()
                .addNewVolume().withName("config").withNewConfigMap().withName("app-config").endConfigMap().endVolume()
                .addNewVolume().withName("creds").withNewSecret().withSecretName("creds").withDefaultMode(0400).endSecret()
                .endVolume()
                .editFirstContainer()
                .addNewVolumeMount().withName("config").withMountPath("/etc/app").withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("creds").withMountPath("/var/run/creds").endVolumeMount()
                .addNewEnv().withName("PASSWORD").withNewValueFrom().withNewSecretKeyRef("password", "creds", false)
                .endValueFrom().endEnv()
                .endContainer()
                .endSpec().build();
        List<HasMetadata> objects = List.of(
                new ConfigMapBuilder().withNewMetadata().withName("app-config").withNamespace("itests").endMetadata()
                        .withData(Map.of("greeting", "hello from a ConfigMap")).build(),
                new SecretBuilder().withNewMetadata().withName("creds").withNamespace("itests").endMetadata()
                        .withType("Opaque").withData(Map.of("password", "czNjcjN0")).build());

        HttpResponse<String> created = interLink.call("POST", "/create", PodRequests.create(pod, Map.of("app", objects)));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String jobId = json(created).get("PodJID").asText();
        assertThat(awaitContainerState(pod, jobId, "terminated").get("exitCode").asInt()).isZero();
        assertThat(interLink.call("GET", "/getLogs", PodRequests.logs(pod, "app", false)).body())
                .isEqualTo("hello from a ConfigMap\ns3cr3t\n-r--------\n");

        deleteAndExpectNoTrace(pod, jobId);
    }

    @Test
    void refusesBadInputWithAJsonReasonAndKeepsServing() {
        assertBadRequest(interLink.call("POST", "/create", "{\"pod\": {"), "truncated JSON");
        assertBadRequest(interLink.call("POST", "/create", "{\"pod\":{\"metadata\":{\"name\":\"p\"}}}"), "pod.metadata.uid: required");
        assertBadRequest(interLink.call("GET", "/status", "{\"not\":\"an array\"}"), "");
        assertBadRequest(interLink.call("POST", "/delete", "[1,2"), "");
        Pod sharesHostPids = new PodBuilder(PodRequests.shellPod("host-pid", "true")).editSpec().withHostPID(true).endSpec()
                .build();
        assertBadRequest(interLink.call("POST", "/create", PodRequests.create(sharesHostPids)), "spec.hostPID");
        assertThat(engine.containersOf(sharesHostPids.getMetadata().getUid())).isEmpty();

        assertThat(interLink.call("GET", "/healthz", null).statusCode()).isEqualTo(200);
    }

    private static void assertBadRequest(HttpResponse<String> response, String reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).contains(reason);
    }

    private JsonNode awaitContainerState(Pod pod, String jobId, String state) {
        String body = PodRequests.status(pod, jobId);
        return await("container state " + state).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    HttpResponse<String> status = interLink.call("GET", "/status", body);
                    assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
                    JsonNode entry = json(status).get(0);
                    assertThat(entry.get("UID").asText()).isEqualTo(pod.getMetadata().getUid());
                    assertThat(entry.get("containers")).hasSize(1);
                    return entry.at("/containers/0/state/" + state);
                }, node -> !node.isMissingNode());
    }

    private void deleteAndExpectNoTrace(Pod pod, String jobId) {
        String uid = pod.getMetadata().getUid();
        assertThat(engine.containersOf(uid)).as("the pod's containers before delete").isNotEmpty();
        assertThat(engine.containersOfSandbox(jobId)).as("the pod's sandbox before delete").isNotEmpty();
        assertThat(engine.volumesOfSandbox(jobId)).as("the sandbox's volume before delete").isNotEmpty();

        HttpResponse<String> deleted = interLink.call("POST", "/delete", PodRequests.write(pod));

        assertThat(deleted.statusCode()).isEqualTo(200);
        await("the pod's sandbox to be gone").atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            assertThat(engine.containersOf(uid)).isEmpty();
            assertThat(engine.containersOfSandbox(jobId)).isEmpty();
            assertThat(engine.volumesOfSandbox(jobId)).isEmpty();
            assertThat(Files.exists(workDir.resolve("data/sandboxes").resolve(jobId))).isFalse();
        });
        assertThat(interLink.call("POST", "/delete", PodRequests.write(pod)).statusCode())
                .as("a second delete of the same pod").isEqualTo(200);
    }
}
