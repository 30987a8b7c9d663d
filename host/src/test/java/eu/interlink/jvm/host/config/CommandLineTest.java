package eu.interlink.jvm.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Go plugin's flags, parsed as Go's {@code flag} package does. */
class CommandLineTest {

    @Test
    void no_arguments_set_nothing() {
        assertThat(CommandLine.parse()).isEqualTo(CommandLine.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-interlinkconfigpath /etc/x.yaml", "--interlinkconfigpath /etc/x.yaml",
            "-interlinkconfigpath=/etc/x.yaml", "--interlinkconfigpath=/etc/x.yaml"})
    void reads_the_config_path_in_every_go_form(String args) {
        assertThat(CommandLine.parse(args.split(" ")).configPath()).contains(Path.of("/etc/x.yaml"));
    }

    @Test
    void reads_the_logging_flags() {
        CommandLine flags = CommandLine.parse("-verbose", "--errorsonly=false");

        assertThat(flags.verbose()).contains(true);
        assertThat(flags.errorsOnly()).contains(false);
        assertThat(flags.configPath()).isEmpty();
    }

    @Test
    void refuses_an_unknown_flag_with_the_usage() {
        assertThatThrownBy(() -> CommandLine.parse("-port", "4000"))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown flag '-port'; " + UsageException.USAGE)
                .satisfies(e -> assertThat(((UsageException) e).helpRequested()).isFalse());
    }

    @Test
    void refuses_a_stray_argument() {
        assertThatThrownBy(() -> CommandLine.parse("serve"))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("unexpected argument 'serve'; usage: ");
    }

    @Test
    void refuses_a_config_path_flag_without_path() {
        assertThatThrownBy(() -> CommandLine.parse("-interlinkconfigpath"))
                .hasMessageStartingWith("-interlinkconfigpath needs a path; usage: ");
    }

    @Test
    void refuses_a_boolean_flag_with_another_value() {
        assertThatThrownBy(() -> CommandLine.parse("-verbose=maybe"))
                .hasMessageStartingWith("-verbose takes true or false, got 'maybe'; usage: ");
    }

    @Test
    void answers_help_with_the_usage() {
        assertThatThrownBy(() -> CommandLine.parse("-help"))
                .isInstanceOf(UsageException.class)
                .hasMessage(UsageException.USAGE)
                .satisfies(e -> assertThat(((UsageException) e).helpRequested()).isTrue());
    }

    @Test
    void the_last_occurrence_wins_as_in_go() {
        assertThat(CommandLine.parse("-verbose", "-verbose=false").verbose()).isEqualTo(Optional.of(false));
    }
}
