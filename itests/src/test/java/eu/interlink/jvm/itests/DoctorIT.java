package eu.interlink.jvm.itests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code java -jar interlink-docker-plugin.jar doctor}, as an operator runs it, against the real engine: a good
 * setup passes every check (the sandbox privileges line says which mode this engine allows, which differs between
 * machines) and leaves no probe container behind; a broken one fails the lines concerned, each with its fix.
 */
class DoctorIT {

    @TempDir
    Path workDir;

    @Test
    void aGoodSetupPassesEveryCheck() throws IOException, InterruptedException {
        Path plugins = Files.createDirectory(workDir.resolve("plugins"));
        Files.copy(FakeAccelerator.jar(), plugins.resolve("fake-accelerator.jar"));
        Path dataRoot = workDir.resolve("data");
        Path config = writeConfig(Map.of(
                "SidecarPort", 0,
                "DataRootFolder", dataRoot.toString(),
                "Host", Map.of("PluginsFolder", plugins.toString()),
                "Docker", Map.of("DindImage", "interlink-jvm/dind:local")));

        Doctor doctor = runDoctor(Map.of(), "doctor", "--config", config.toString());

        assertThat(doctor.exitCode()).as(doctor.output()).isZero();
        assertThat(doctor.output())
                .contains("[ OK ] Configuration: " + config + " is valid\n")
                .contains("[ OK ] Plugins folder: 1 plugin jars in " + plugins + "\n")
                .contains("[ OK ] Accelerators " + FakeAccelerator.RESOURCE + ": 2 devices: fake0 (Fake accelerator)")
                .contains("[ OK ] Runtime: docker (eu.interlink.jvm.docker.DockerRuntimeProvider)\n")
                .contains("[ OK ] Data folder: " + dataRoot + " is writable\n")
                .contains("[ OK ] Socket paths: ")
                .containsPattern("\\[ OK ] Docker engine: Docker engine \\S+ at \\S+ answers\n")
                .contains("[ OK ] DIND image: sandboxes start from interlink-jvm/dind:local\n")
                .containsPattern("\\[( OK |WARN)] Sandbox privileges: .*sandboxes start with DindSecurity"
                        + " (privileged|capabilities)")
                .contains("[ OK ] Listener: 127.0.0.1:0 is free\n")
                .doesNotContain("[FAIL]")
                .containsPattern("Verdict: READY.*\n$");
        try (HostEngine engine = new HostEngine()) {
            assertThat(engine.containersOfDataRoot(dataRoot)).as("probe containers left").isEmpty();
        }
    }

    @Test
    void aConfigurationThatIsNotYamlFailsWithItsFix() throws IOException, InterruptedException {
        Path config = Files.writeString(workDir.resolve("InterLinkConfig.yaml"), "SidecarPort: [4000\n");

        Doctor doctor = runDoctor(Map.of(), "doctor", "-interlinkconfigpath", config.toString());

        assertThat(doctor.exitCode()).as(doctor.output()).isEqualTo(1);
        assertThat(doctor.output())
                .startsWith("[FAIL] Configuration: " + config + ": not valid YAML")
                .contains(" — fix: correct the file, or point -interlinkconfigpath or INTERLINKCONFIGPATH at a valid one\n")
                .containsPattern("Verdict: NOT READY, 1 failed.*\n$");
    }

    @Test
    void anUnwritableDataFolderAndAnEngineThatDoesNotAnswerFailWithTheirFixes()
            throws IOException, InterruptedException {
        Path notAFolder = Files.writeString(workDir.resolve("a-file"), "");
        Path dataRoot = notAFolder.resolve("data");
        Path config = writeConfig(Map.of("SidecarPort", 0, "DataRootFolder", dataRoot.toString()));
        String noEngine = "unix://" + workDir.resolve("no-engine.sock");

        Doctor doctor = runDoctor(Map.of("DOCKER_HOST", noEngine), "doctor", "--config", config.toString());

        assertThat(doctor.exitCode()).as(doctor.output()).isEqualTo(1);
        assertThat(doctor.output())
                .contains("[ OK ] Configuration: " + config + " is valid\n")
                .containsPattern("\\[FAIL] Data folder: " + dataRoot + " cannot be written: .* — fix: set"
                        + " DataRootFolder to a folder the plugin's user can write")
                .containsPattern("\\[FAIL] Docker engine: Docker engine at " + noEngine + " does not answer: .*"
                        + " — fix: start Docker \\(dockerd\\), or set DOCKER_HOST to the address of a running engine\n")
                .doesNotContain("DIND image")
                .containsPattern("Verdict: NOT READY, 2 failed.*\n$");
    }

    private Path writeConfig(Map<String, Object> config) throws IOException {
        return Files.writeString(workDir.resolve("InterLinkConfig.yaml"), new Yaml().dump(config));
    }

    private Doctor runDoctor(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path output = workDir.resolve("doctor.out");
        List<String> command = new ArrayList<>(List.of(java, "-jar",
                PluginProcess.builtJar("plugin.jar", "../host/target/interlink-docker-plugin.jar").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(output.toFile())
                .redirectError(workDir.resolve("doctor.err").toFile());
        builder.environment().remove("INTERLINKCONFIGPATH");
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("doctor did not finish within 3 minutes:\n" + Files.readString(output, UTF_8));
        }
        return new Doctor(process.exitValue(), Files.readString(output, UTF_8));
    }

    /** What {@code doctor} printed to stdout, and its exit code. */
    private record Doctor(int exitCode, String output) {
    }
}
