package eu.interlink.jvm.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import eu.interlink.jvm.host.config.ConfigLoader;
import eu.interlink.jvm.host.logging.LogLevels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParseResult;

class PluginCommandsTest {

    @TempDir
    Path pluginFolder;

    private PluginCommands commands() {
        return new PluginCommands(new HostContext(new ConfigLoader(Map.of()), getClass().getClassLoader(),
                pluginFolder, new LogLevels()));
    }

    private static ServeCommand serve(ParseResult parsed) {
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("serve");
        return (ServeCommand) parsed.subcommand().commandSpec().userObject();
    }

    @Test
    void no_arguments_serve() {
        assertThat(serve(commands().parse()).goFlags()).isEmpty();
    }

    @Test
    void the_go_flags_go_to_serve_untouched() {
        String[] flags = {"-interlinkconfigpath", "/etc/x.yaml", "-verbose", "--errorsonly=false", "-h"};

        assertThat(serve(commands().parse(flags)).goFlags()).containsExactly(flags);
    }

    @Test
    void an_at_file_argument_reaches_the_go_parser_unexpanded() {
        assertThat(serve(commands().parse("-interlinkconfigpath", "@config.yaml")).goFlags())
                .containsExactly("-interlinkconfigpath", "@config.yaml");
    }

    @Test
    void serve_may_be_named() {
        assertThat(serve(commands().parse("serve", "-interlinkconfigpath=/etc/x.yaml")).goFlags())
                .containsExactly("-interlinkconfigpath=/etc/x.yaml");
    }

    @Test
    void an_argument_that_names_no_command_is_refused_by_serve_with_the_go_usage() {
        assertThat(commands().execute("bogus")).isEqualTo(2);
    }

    @Test
    void serve_answers_help_with_the_go_usage() {
        assertThat(commands().execute("-help")).isZero();
    }

    @Test
    void doctor_takes_the_configuration_path_both_ways() {
        for (String flag : new String[] {"--config", "-interlinkconfigpath"}) {
            ParseResult doctor = commands().parse("doctor", flag, "/etc/x.yaml").subcommand();

            assertThat(doctor.commandSpec().name()).isEqualTo("doctor");
            assertThat(doctor.matchedOptionValue("--config", (Path) null)).isEqualTo(Path.of("/etc/x.yaml"));
        }
    }

    @Test
    void doctor_answers_help() {
        assertThat(commands().parse("doctor", "--help").subcommand().isUsageHelpRequested()).isTrue();
        assertThat(commands().execute("doctor", "--help")).isZero();
    }

    @Test
    void run_takes_a_manifest_and_its_options() {
        ParseResult run = commands().parse("run", "pod.yaml", "--url", "unix:///run/plugin.sock", "--keep",
                "--timeout", "90").subcommand();

        assertThat(run.commandSpec().name()).isEqualTo("run");
        assertThat(run.matchedPositionalValue(0, (Path) null)).isEqualTo(Path.of("pod.yaml"));
        assertThat(run.matchedOptionValue("--url", "")).isEqualTo("unix:///run/plugin.sock");
        assertThat(run.matchedOptionValue("--keep", false)).isTrue();
        assertThat(run.matchedOptionValue("--timeout", 0L)).isEqualTo(90L);
    }

    @Test
    void run_refuses_usage_errors_before_reading_anything() {
        assertThat(commands().execute("run")).as("no manifest").isEqualTo(2);
        assertThat(commands().execute("run", "pod.yaml", "--url", "http://127.0.0.1:4000", "--config", "x.yaml"))
                .as("--config with --url").isEqualTo(2);
        assertThat(commands().execute("run", "pod.yaml", "--timeout", "-1")).as("a negative timeout").isEqualTo(2);
        assertThat(commands().execute("run", "pod.yaml", "--url", "ftp://host")).as("a URL of no plugin").isEqualTo(2);
    }

    @Test
    void run_of_a_missing_manifest_fails_as_a_run_that_could_not_happen() {
        assertThat(commands().execute("run", pluginFolder.resolve("missing.yaml").toString())).isEqualTo(125);
    }

    @Test
    void a_runtime_that_cannot_open_leaves_the_data_folder_it_was_given_untouched() throws IOException {
        Path manifest = Files.writeString(pluginFolder.resolve("pod.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers: [{name: main, image: busybox}]
                """);
        Path config = Files.writeString(pluginFolder.resolve("config.yaml"), "Host: {PodRuntime: no-such-runtime}\n");
        Path dataFolder = Files.createDirectory(pluginFolder.resolve("data"));
        Path record = Files.writeString(dataFolder.resolve("a-pod-record.json"), "{}");

        assertThat(commands().execute("run", manifest.toString(), "--config", config.toString(),
                "--data-folder", dataFolder.toString())).isEqualTo(125);

        assertThat(record).exists();
    }

    @Test
    void conformance_needs_a_url_and_known_cases() {
        assertThat(commands().execute("conformance")).isEqualTo(2);
        assertThat(commands().execute("conformance", "--url", "http://127.0.0.1:1", "--case", "no-such-case"))
                .isEqualTo(2);
        assertThat(commands().execute("conformance", "--list")).isZero();
    }
}
