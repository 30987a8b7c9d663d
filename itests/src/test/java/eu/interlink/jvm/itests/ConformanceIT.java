package eu.interlink.jvm.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar interlink-docker-plugin.jar conformance --url URL}, as an operator checks a plugin with it: this
 * plugin, served by the same jar over TCP or a unix socket, passes every built-in case; a URL where nothing listens
 * fails them.
 */
class ConformanceIT {

    private static final List<String> CASES = List.of("hello", "shared-volume", "configmap-secret", "init-containers",
            "exit-code", "init-failure", "limits", "readiness-probe", "liveness-probe", "logs");
    private static final String IMAGE = "interlink-jvm/busybox:local";
    private static final Duration SUITE_LIMIT = Duration.ofMinutes(5);

    @TempDir
    Path workDir;

    @Test
    void thisPluginPassesEveryCaseOverTcp() throws IOException, InterruptedException {
        try (PluginProcess plugin = PluginProcess.start(workDir, Map.of(
                "SidecarPort", 0,
                "DataRootFolder", workDir.resolve("data").toString(),
                "Docker", Map.of("DindImage", "interlink-jvm/dind:local")))) {

            JarCommand.Outcome suite = conformance("--url", plugin.address().toString(), "--image", IMAGE);

            assertThat(suite.exitCode()).as(suite.both()).isZero();
            CASES.forEach(name -> assertThat(suite.stdout()).as(suite.both()).containsPattern(
                    "(?m)^PASS " + name + " \\(\\d+\\.\\d s\\)$"));
            assertThat(suite.stdout()).doesNotContain("FAIL").endsWith("\n10 passed, 0 failed\n");
        }
    }

    @Test
    void thisPluginPassesTheCasesNamedOverItsUnixSocket() throws IOException, InterruptedException {
        Path socket = workDir.resolve("plugin.sock");
        try (PluginProcess plugin = PluginProcess.start(workDir, Map.of(
                "Socket", "unix://" + socket,
                "DataRootFolder", workDir.resolve("data").toString(),
                "AVAILABLEDINDS", 1,
                "Docker", Map.of("DindImage", "interlink-jvm/dind:local")))) {

            JarCommand.Outcome suite = conformance("--url", "unix://" + socket, "--image", IMAGE,
                    "--case", "hello", "--case", "logs");

            assertThat(suite.exitCode()).as(suite.both()).isZero();
            assertThat(suite.stdout())
                    .startsWith("conformance of the plugin at unix://" + socket + ": 2 cases, image " + IMAGE + "\n")
                    .containsPattern("(?m)^PASS hello \\(\\d+\\.\\d s\\)$")
                    .containsPattern("(?m)^PASS logs \\(\\d+\\.\\d s\\)$")
                    .endsWith("\n2 passed, 0 failed\n");
        }
    }

    @Test
    void aUrlWhereNoPluginAnswersFailsTheCases() throws IOException, InterruptedException {
        String url = "http://127.0.0.1:" + freePort();

        JarCommand.Outcome suite = conformance("--url", url, "--image", IMAGE, "--case", "hello");

        assertThat(suite.exitCode()).as(suite.both()).isEqualTo(1);
        assertThat(suite.stdout())
                .containsPattern("(?m)^FAIL hello \\(\\d+\\.\\d s\\): no plugin answers at " + url + ": ")
                .endsWith("\n0 passed, 1 failed\n");
    }

    private JarCommand.Outcome conformance(String... args) throws IOException, InterruptedException {
        return JarCommand.run(workDir, Map.of(), SUITE_LIMIT,
                Stream.concat(Stream.of("conformance"), Stream.of(args)).toArray(String[]::new));
    }

    /** A port nothing listens on, as long as nothing takes it in the meantime. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
