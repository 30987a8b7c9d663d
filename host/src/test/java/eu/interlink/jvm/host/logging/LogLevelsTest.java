package eu.interlink.jvm.host.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.helpers.NOPLogger;

/** The verbosity sets the root level; Jetty stays quiet. */
class LogLevelsTest {

    private final LoggerContext context = new LoggerContext();

    @ParameterizedTest
    @CsvSource({"NORMAL, INFO, WARN", "VERBOSE, DEBUG, WARN", "ERRORS_ONLY, ERROR, ERROR"})
    void sets_the_root_and_jetty_levels(Verbosity verbosity, String root, String jetty) {
        new LogLevels(context).apply(verbosity);

        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.toLevel(root));
        assertThat(context.getLogger("org.eclipse.jetty.server.Server").getEffectiveLevel()).isEqualTo(Level.toLevel(jetty));
    }

    @ParameterizedTest
    @CsvSource({"NORMAL, INFO", "VERBOSE, INFO", "ERRORS_ONLY, ERROR"})
    void docker_javas_http_clients_never_log_headers_which_carry_registry_credentials(Verbosity verbosity,
            String level) {
        new LogLevels(context).apply(verbosity);

        assertThat(context.getLogger("com.github.dockerjava.zerodep.shaded.org.apache.hc.client5.http.headers")
                .getEffectiveLevel()).isEqualTo(Level.toLevel(level));
        assertThat(context.getLogger("org.apache.hc.client5.http.wire").getEffectiveLevel())
                .isEqualTo(Level.toLevel(level));
    }

    @ParameterizedTest
    @CsvSource({"NORMAL, INFO", "VERBOSE, INFO", "ERRORS_ONLY, ERROR"})
    void docker_java_never_logs_its_commands_whose_environments_carry_secret_values(Verbosity verbosity, String level) {
        new LogLevels(context).apply(verbosity);

        assertThat(context.getLogger("com.github.dockerjava.core.command.AbstrDockerCmd").getEffectiveLevel())
                .isEqualTo(Level.toLevel(level));
    }

    @Test
    void verbose_wins_over_errors_only_as_in_the_go_plugin() {
        assertThat(Verbosity.of(true, true)).isEqualTo(Verbosity.VERBOSE);
        assertThat(Verbosity.of(false, true)).isEqualTo(Verbosity.ERRORS_ONLY);
        assertThat(Verbosity.of(false, false)).isEqualTo(Verbosity.NORMAL);
    }

    @Test
    void leaves_another_logging_backend_alone() {
        LogLevels levels = new LogLevels(name -> NOPLogger.NOP_LOGGER);

        assertThatCode(() -> levels.apply(Verbosity.VERBOSE)).doesNotThrowAnyException();
    }
}
