package eu.interlink.jvm.itests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The plugin's image (packaging/Dockerfile), built by {@code scripts/build-host-image.sh} on a base image made from
 * this machine's JDK, runs as the Dockerfile's header says: with the host's Docker socket, the DataRootFolder
 * bind-mounted at the same path and the config file mounted where {@code INTERLINKCONFIGPATH} points. It answers
 * {@code /healthz} and the health ping, whose resources it reads from the host's engine through the socket.
 */
class HostImageIT {

    private static final Path SCRIPT = Path.of("../scripts/build-host-image.sh");
    private static final String DOCKER_SOCKET = "/var/run/docker.sock";
    private static final String CONFIG_IN_IMAGE = "/etc/interlink/InterLinkConfig.yaml";

    @TempDir
    Path workDir;

    @Test
    void theImageBuiltOnALocalJavaRuntimeServesTheHealthChecksWithTheHostsEngine()
            throws IOException, InterruptedException {
        String tag = "interlink-jvm/host-image-it:" + UUID.randomUUID();
        int port = freePort();
        Path dataRoot = Files.createDirectory(workDir.resolve("data"));
        Path config = workDir.resolve("InterLinkConfig.yaml");
        Files.writeString(config, new Yaml().dump(Map.of(
                "SidecarPort", port,
                "AVAILABLEDINDS", 0,
                "DataRootFolder", dataRoot.toString(),
                "Docker", Map.of("DindImage", "interlink-jvm/dind:local"))));

        try (HostEngine engine = new HostEngine()) {
            DockerClient docker = engine.client();
            build(tag);
            try {
                String container = docker.createContainerCmd(tag)
                        .withLabels(Map.of("eu.interlink.jvm.itest", HostImageIT.class.getSimpleName()))
                        .withHostConfig(HostConfig.newHostConfig()
                                .withNetworkMode("host")
                                .withBinds(
                                        new Bind(DOCKER_SOCKET, new Volume(DOCKER_SOCKET)),
                                        new Bind(dataRoot.toString(), new Volume(dataRoot.toString())),
                                        Bind.parse(config + ":" + CONFIG_IN_IMAGE + ":ro")))
                        .exec().getId();
                try {
                    docker.startContainerCmd(container).exec();
                    InterLinkClient interLink = new InterLinkClient(URI.create("http://127.0.0.1:" + port));
                    await("the plugin in its container to answer /healthz").atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                            .until(() -> interLink.call("GET", "/healthz", null).statusCode() == 200
                                    || !running(docker, container));
                    assertThat(running(docker, container)).as("running; its log:\n%s", logs(docker, container))
                            .isTrue();

                    HttpResponse<String> ping = interLink.call("GET", "/status", "[]");
                    assertThat(ping.statusCode()).isEqualTo(200);
                    assertThat(InterLinkClient.json(ping).path("status").asText()).isEqualTo("ok");
                    assertThat(InterLinkClient.json(ping).path("resources").path("cpu").asInt())
                            .isEqualTo(engine.cpus());
                } finally {
                    docker.removeContainerCmd(container).withForce(true).exec();
                }
            } finally {
                docker.removeImageCmd(tag).withForce(true).exec();
            }
        }
    }

    private void build(String tag) throws IOException, InterruptedException {
        Path output = workDir.resolve("build.log");
        Process build = new ProcessBuilder("bash", SCRIPT.toString(), tag)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!build.waitFor(5, TimeUnit.MINUTES)) {
            build.destroyForcibly().waitFor();
            throw new IllegalStateException("the image build took over 5 minutes:\n" + Files.readString(output, UTF_8));
        }
        assertThat(build.exitValue()).as("the image build; its output:\n%s", Files.readString(output, UTF_8))
                .isZero();
    }

    private static boolean running(DockerClient docker, String container) {
        return Boolean.TRUE.equals(docker.inspectContainerCmd(container).exec().getState().getRunning());
    }

    private static String logs(DockerClient docker, String container) throws InterruptedException {
        StringBuilder text = new StringBuilder();
        docker.logContainerCmd(container).withStdOut(true).withStdErr(true)
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        text.append(new String(frame.getPayload(), UTF_8));
                    }
                })
                .awaitCompletion(30, TimeUnit.SECONDS);
        return text.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
