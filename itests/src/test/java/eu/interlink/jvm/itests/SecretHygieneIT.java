package eu.interlink.jvm.itests;

import static eu.interlink.jvm.itests.InterLinkClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar with {@code AuthTokenFile} and {@code VerboseLogging}: every call but the health probes needs the token, and
 * neither the token nor a Secret's value, plain or base64, ever reaches the plugin's output.
 */
class SecretHygieneIT {

    private static final String TOKEN = "token-" + UUID.randomUUID();
    private static final String SECRET = "pa55-" + UUID.randomUUID();
    private static final String SECRET_BASE64 = Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));

    @TempDir
    static Path workDir;

    private static PluginProcess plugin;
    private static InterLinkClient interLink;

    @BeforeAll
    static void startThePluginWithATokenAndVerboseLogging() throws IOException {
        Path tokenFile = Files.writeString(workDir.resolve("token"), TOKEN + "\n");
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
        plugin = PluginProcess.start(workDir, Map.of(
                "SidecarPort", 0,
                "VerboseLogging", true,
                "AuthTokenFile", tokenFile.toString(),
                "AVAILABLEDINDS", 0,
                "DataRootFolder", workDir.resolve("data").toString(),
                "Docker", Map.of("DindImage", "interlink-jvm/dind:local")));
        interLink = new InterLinkClient(plugin.address(), Optional.of(TOKEN));
    }

    @AfterAll
    static void stopThePlugin() throws InterruptedException {
        if (plugin != null) {
            assertThat(plugin.stop()).as("exit code after SIGTERM").isIn(0, 143);
        }
    }

    @Test
    void withoutTheTokenOnlyTheHealthProbesAnswer() {
        InterLinkClient anonymous = new InterLinkClient(plugin.address());
        InterLinkClient wrong = new InterLinkClient(plugin.address(), Optional.of(TOKEN + "x"));

        for (InterLinkClient refused : List.of(anonymous, wrong)) {
            HttpResponse<String> ping = refused.call("GET", "/status", "[]");
            assertThat(ping.statusCode()).isEqualTo(401);
            assertThat(ping.headers().firstValue("WWW-Authenticate")).contains("Bearer");
            assertThat(json(ping).get("error").asText()).contains("AuthTokenFile");
        }
        assertThat(anonymous.call("GET", "/healthz", null).statusCode()).isEqualTo(200);
        assertThat(anonymous.call("GET", "/readyz", null).statusCode()).isEqualTo(200);
        assertThat(interLink.call("GET", "/status", "[]").statusCode()).isEqualTo(200);
        assertThat(plugin.output()).contains("GET /status 401 ").doesNotContain(TOKEN);
    }

    @Test
    void aSecretGivenAsAFileAndAnEnvironmentVariableIsWrittenPrivatelyNeverLoggedAndRemovedOnDelete()
            throws IOException {
        Pod pod = new PodBuilder(PodRequests.shellPod("secret-hygiene", "trap 'exit 0' TERM;"
                + " [ \"$PASSWORD\" = \"$(cat /var/run/creds/password)\" ] && echo same; sleep 3600 & wait"))
                .editSpec()
                .addNewVolume().withName("creds").withNewSecret().withSecretName("creds").withDefaultMode(0440).endSecret()
                .endVolume()
                .editFirstContainer()
                .addNewVolumeMount().withName("creds").withMountPath("/var/run/creds").endVolumeMount()
                .addNewEnv().withName("PASSWORD").withNewValueFrom().withNewSecretKeyRef("password", "creds", false)
                .endValueFrom().endEnv()
                .endContainer()
                .endSpec().build();
        List<HasMetadata> objects = List.of(new SecretBuilder()
                .withNewMetadata().withName("creds").withNamespace("itests").endMetadata()
                .withType("Opaque").withData(Map.of("password", SECRET_BASE64)).build());

        HttpResponse<String> created = interLink.call("POST", "/create", PodRequests.create(pod, Map.of("app", objects)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String jobId = json(created).get("PodJID").asText();
        await("the container to say the file and the variable agree").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> interLink.call("GET", "/getLogs", PodRequests.logs(pod, "app", false)).body(),
                        log -> log.equals("same\n"));

        Path sandbox = workDir.resolve("data/sandboxes").resolve(jobId);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sandbox))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.walk(sandbox)) {
            List<Path> secretFiles = files.filter(file -> file.getFileName().toString().equals("password")
                    && Files.isRegularFile(file)).toList();
            assertThat(secretFiles).hasSize(1);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFiles.get(0))))
                    .as("the mode defaultMode asks").isEqualTo("r--r-----");
        }

        assertThat(interLink.call("POST", "/delete", PodRequests.write(pod)).statusCode()).isEqualTo(200);
        await("the sandbox folder to be gone").atMost(Duration.ofMinutes(1)).until(() -> !Files.exists(sandbox));

        assertThat(plugin.output()).as("the plugin's verbose output").contains("POST /create 200", " DEBUG ")
                .doesNotContain(SECRET).doesNotContain(SECRET_BASE64).doesNotContain(TOKEN);
    }
}
