package eu.interlink.jvm.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code java -jar interlink-docker-plugin.jar run MANIFEST}, as a person runs it, against the real engine: in this
 * process with a configuration, or on a running plugin with {@code --url}. Each run's pod is deleted at its end, or
 * when the run is stopped with Ctrl-C, and leaves nothing on the engine.
 */
class RunIT {

    private static final Duration RUN_LIMIT = Duration.ofMinutes(3);

    private static final String GREETER = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            data:
              greeting: hello from the map
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: greeter
            spec:
              restartPolicy: Never
              initContainers:
                - name: prepare
                  image: interlink-jvm/busybox:local
                  imagePullPolicy: IfNotPresent
                  command: ["sh", "-c", "echo preparing"]
              containers:
                - name: main
                  image: interlink-jvm/busybox:local
                  imagePullPolicy: IfNotPresent
                  command: ["sh", "-c", "echo $GREETING"]
                  env:
                    - name: GREETING
                      valueFrom:
                        configMapKeyRef:
                          name: settings
                          key: greeting
            """;

    /**
     * The greeter's log lines, in any order: the init container's log is followed once a status shows it started,
     * and a status that shows it ended with the main container started has both followed at once.
     */
    private static final String[] GREETER_LOG = {"prepare | preparing", "main | hello from the map"};

    @TempDir
    Path workDir;

    @Test
    void runsAPodInThisProcessPrintingItsLogsAndLeavesNothingBehind() throws IOException, InterruptedException {
        Path dataFolder = workDir.resolve("data");

        JarCommand.Outcome run = runInProcess(manifest("greeter.yaml", GREETER), dataFolder);

        assertThat(run.exitCode()).as(run.both()).isZero();
        assertThat(run.stdout().lines()).containsExactlyInAnyOrder(GREETER_LOG);
        assertThat(run.stderr())
                .startsWith("-> running pod default/greeter (uid ")
                .contains("on the runtime in this process (data folder " + dataFolder + ")\n")
                .contains("-> created, id ")
                .contains("-> pod default/greeter succeeded\n")
                .endsWith("-> deleting pod default/greeter\n-> deleted pod default/greeter\n");
        assertNothingLeftOf(dataFolder);
    }

    @Test
    void exitsWithTheExitCodeOfTheContainerThatFailed() throws IOException, InterruptedException {
        Path manifest = manifest("failer.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: failer
                spec:
                  restartPolicy: Never
                  containers:
                    - name: fails
                      image: interlink-jvm/busybox:local
                      imagePullPolicy: IfNotPresent
                      command: ["sh", "-c", "echo about to fail; exit 3"]
                    - name: succeeds
                      image: interlink-jvm/busybox:local
                      imagePullPolicy: IfNotPresent
                      command: ["sh", "-c", "echo fine"]
                """);
        Path dataFolder = workDir.resolve("data");

        JarCommand.Outcome run = runInProcess(manifest, dataFolder);

        assertThat(run.exitCode()).as(run.both()).isEqualTo(3);
        assertThat(run.stdout()).contains("fails | about to fail\n").contains("succeeds | fine\n");
        assertThat(run.stderr())
                .contains("-> pod default/failer failed: container fails exited with code 3\n")
                .endsWith("-> deleted pod default/failer\n");
        assertNothingLeftOf(dataFolder);
    }

    @Test
    void runsAPodOnAPluginOverItsUnixSocketAndDeletesItThere() throws IOException, InterruptedException {
        Path socket = workDir.resolve("plugin.sock");
        Path pluginData = workDir.resolve("plugin-data");
        try (PluginProcess plugin = PluginProcess.start(workDir, Map.of(
                "Socket", "unix://" + socket,
                "DataRootFolder", pluginData.toString(),
                "AVAILABLEDINDS", 0,
                "Docker", Map.of("DindImage", "interlink-jvm/dind:local")))) {

            JarCommand.Outcome run = JarCommand.run(workDir, Map.of(), RUN_LIMIT,
                    "run", manifest("greeter.yaml", GREETER).toString(), "--url", plugin.address().toString());

            assertThat(run.exitCode()).as(run.both()).isZero();
            assertThat(run.stdout().lines()).containsExactlyInAnyOrder(GREETER_LOG);
            assertThat(run.stderr())
                    .contains(" on the plugin at unix://" + socket + "\n")
                    .contains("-> pod default/greeter succeeded\n")
                    .endsWith("-> deleted pod default/greeter\n");
            // With no pool, the plugin's data root has only the pod's sandbox, which its delete removes in the
            // background after it has answered, as interLink's delete is answered.
            awaitNothingLeftOf(pluginData);
        }
    }

    @Test
    void ctrlCStopsARunningPodAndDeletesIt() throws IOException, InterruptedException {
        assertThat(sigintIgnored()).as("SIGINT is ignored in this test's JVM (Maven was started as a background"
                + " job of a shell without job control), so the run it starts cannot see it either: run Maven in"
                + " the foreground, or after `set -m`").isFalse();
        Path manifest = manifest("ticker.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: ticker
                spec:
                  restartPolicy: Never
                  terminationGracePeriodSeconds: 2
                  containers:
                    - name: main
                      image: interlink-jvm/busybox:local
                      imagePullPolicy: IfNotPresent
                      command: ["sh", "-c", "while true; do echo tick; sleep 1; done"]
                """);
        Path dataFolder = workDir.resolve("data");

        try (JarCommand run = JarCommand.start(workDir, Map.of(), "run", manifest.toString(),
                "--config", config().toString(), "--data-folder", dataFolder.toString())) {
            await("the pod's first log line").atMost(RUN_LIMIT).pollInterval(Duration.ofMillis(200))
                    .until(() -> run.stdout().contains("main | tick\n"));

            // The pid is this test's own child process: nothing from a request reaches the command line.
            assertThat(new ProcessBuilder("kill", "-INT", String.valueOf(run.pid())).start().waitFor()).isZero();

            JarCommand.Outcome stopped = run.waitFor(Duration.ofSeconds(90));
            assertThat(stopped.exitCode()).as(stopped.both()).isEqualTo(130);
            assertThat(stopped.stderr())
                    .contains("-> stopped\n")
                    .endsWith("-> deleting pod default/ticker\n-> deleted pod default/ticker\n");
        }
        assertNothingLeftOf(dataFolder);
    }

    @Test
    void aManifestThatUsesAConfigMapItDoesNotDefineIsRefusedBeforeAnythingStarts()
            throws IOException, InterruptedException {
        Path manifest = manifest("unknown-map.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: lost
                spec:
                  containers:
                    - name: main
                      image: interlink-jvm/busybox:local
                      imagePullPolicy: IfNotPresent
                      env:
                        - name: GREETING
                          valueFrom:
                            configMapKeyRef:
                              name: missing
                              key: greeting
                """);
        Path dataFolder = workDir.resolve("data");

        JarCommand.Outcome run = runInProcess(manifest, dataFolder);

        assertThat(run.exitCode()).as(run.both()).isEqualTo(125);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).isEqualTo("interlink-docker-plugin run: " + manifest + ", document 1: the pod uses"
                + " ConfigMap \"missing\" (env \"GREETING\" of container \"main\"), which " + manifest
                + " does not define\n");
        assertThat(dataFolder).as("the runtime's data folder").doesNotExist();
        assertNothingLeftOf(dataFolder);
    }

    private JarCommand.Outcome runInProcess(Path manifest, Path dataFolder) throws IOException, InterruptedException {
        return JarCommand.run(workDir, Map.of(), RUN_LIMIT, "run", manifest.toString(),
                "--config", config().toString(), "--data-folder", dataFolder.toString());
    }

    private Path config() throws IOException {
        return Files.writeString(workDir.resolve("InterLinkConfig.yaml"),
                new Yaml().dump(Map.of("Docker", Map.of("DindImage", "interlink-jvm/dind:local"))));
    }

    private Path manifest(String name, String yaml) throws IOException {
        return Files.writeString(workDir.resolve(name), yaml);
    }

    private static void assertNothingLeftOf(Path dataRoot) {
        try (HostEngine engine = new HostEngine()) {
            assertNothingLeftOf(engine, dataRoot);
        }
    }

    private static void awaitNothingLeftOf(Path dataRoot) {
        try (HostEngine engine = new HostEngine()) {
            await("the pod's sandbox to be gone").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertNothingLeftOf(engine, dataRoot));
        }
    }

    private static void assertNothingLeftOf(HostEngine engine, Path dataRoot) {
        assertThat(engine.containersOfDataRoot(dataRoot)).as("containers left").isEmpty();
        assertThat(engine.volumesOfDataRoot(dataRoot)).as("volumes left").isEmpty();
    }

    /** Whether this process ignores SIGINT, which its children then inherit: bit 2 of SigIgn in /proc/self/status. */
    private static boolean sigintIgnored() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("SigIgn:"))
                .map(line -> Long.parseLong(line.substring("SigIgn:".length()).trim(), 16))
                .anyMatch(mask -> (mask & (1L << 1)) != 0);
    }
}
