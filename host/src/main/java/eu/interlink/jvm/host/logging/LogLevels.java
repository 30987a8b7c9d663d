package eu.interlink.jvm.host.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets logback's levels for a {@link Verbosity}, at start, after the configuration is read.
 *
 * <p>The root logger follows the verbosity. Jetty stays at {@code WARN} (its info lines say nothing an operator
 * needs) and drops to {@code ERROR} with {@link Verbosity#ERRORS_ONLY}. docker-java and its HTTP clients never log
 * below {@code INFO}: their debug lines would show registry credentials and secrets. When SLF4J is bound to something other
 * than logback (the host embedded elsewhere), the embedder owns the levels and nothing is changed.
 */
public final class LogLevels {

    static final String JETTY = "org.eclipse.jetty";
    /**
     * docker-java and the HTTP clients it talks to Docker with: at debug level they log every command whole
     * ({@code AbstrDockerCmd}: a container's environment, secret values included) and every header and body
     * (registry credentials in {@code X-Registry-Auth}).
     */
    static final List<String> DOCKER_CLIENTS = List.of("com.github.dockerjava", "org.apache.hc");

    private final ILoggerFactory loggers;

    /** Levels for the process's logback context. */
    public LogLevels() {
        this(LoggerFactory.getILoggerFactory());
    }

    /** Levels for the loggers of {@code loggers}; when they are not logback's, {@link #apply} does nothing. */
    public LogLevels(ILoggerFactory loggers) {
        this.loggers = loggers;
    }

    /** Applies the verbosity. */
    public void apply(Verbosity verbosity) {
        if (!(loggers instanceof LoggerContext context)) {
            return;
        }
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(switch (verbosity) {
            case NORMAL -> Level.INFO;
            case VERBOSE -> Level.DEBUG;
            case ERRORS_ONLY -> Level.ERROR;
        });
        context.getLogger(JETTY).setLevel(verbosity == Verbosity.ERRORS_ONLY ? Level.ERROR : Level.WARN);
        Level http = verbosity == Verbosity.ERRORS_ONLY ? Level.ERROR : Level.INFO;
        DOCKER_CLIENTS.forEach(client -> context.getLogger(client).setLevel(http));
    }
}
