package eu.interlink.jvm.itests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import eu.interlink.jvm.examples.embedding.EmbeddedPodRunner;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding example of the README, run in this JVM on the real Docker engine: the runtime comes from
 * {@code ServiceLoader}, and no HTTP is in between.
 */
class EmbeddedPodRunnerIT {

    private static HostEngine engine;

    @BeforeAll
    static void connectToTheEngine() {
        engine = new HostEngine();
    }

    @AfterAll
    static void closeTheEngine() {
        engine.close();
    }

    @Test
    void runsAPodToItsEndAndGivesItsLog(@TempDir Path workDir) throws Exception {
        Path dataRoot = workDir.resolve("data");
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        int exitCode = runner(dataRoot).run(List.of("echo", "hello"), log);

        assertThat(exitCode).isZero();
        assertThat(log.toString(UTF_8)).isEqualTo("hello\n");
        assertNothingLeftBehind(dataRoot);
    }

    @Test
    void answersTheExitCodeOfAFailingCommand(@TempDir Path workDir) throws Exception {
        Path dataRoot = workDir.resolve("data");
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        int exitCode = runner(dataRoot).run(List.of("sh", "-c", "echo failing; exit 7"), log);

        assertThat(exitCode).isEqualTo(7);
        assertThat(log.toString(UTF_8)).isEqualTo("failing\n");
        assertNothingLeftBehind(dataRoot);
    }

    /** The runner as the example's main method makes it, on a data folder of the test's own and no overrides. */
    private static EmbeddedPodRunner runner(Path dataRoot) {
        return new EmbeddedPodRunner(EmbeddedPodRunner.settings(dataRoot.toString(), Map.of()));
    }

    private static void assertNothingLeftBehind(Path dataRoot) {
        assertThat(engine.containersOfDataRoot(dataRoot)).as("containers of the runtime").isEmpty();
        assertThat(engine.volumesOfDataRoot(dataRoot)).as("volumes of the runtime").isEmpty();
    }
}
