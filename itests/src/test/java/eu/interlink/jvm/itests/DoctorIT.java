package eu.interlink.jvm.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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

        JarCommand.Outcome doctor = runDoctor(Map.of(), "doctor", "--config", config.toString());

        assertThat(doctor.exitCode()).as(doctor.both()).isZero();
        assertThat(doctor.stdout())
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

        JarCommand.Outcome doctor = runDoctor(Map.of(), "doctor", "-interlinkconfigpath", config.toString());

        assertThat(doctor.exitCode()).as(doctor.both()).isEqualTo(1);
        assertThat(doctor.stdout())
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

        JarCommand.Outcome doctor = runDoctor(Map.of("DOCKER_HOST", noEngine), "doctor", "--config", config.toString());

        assertThat(doctor.exitCode()).as(doctor.both()).isEqualTo(1);
        assertThat(doctor.stdout())
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

    private JarCommand.Outcome runDoctor(Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        return JarCommand.run(workDir, environment, Duration.ofMinutes(3), args);
    }
}
