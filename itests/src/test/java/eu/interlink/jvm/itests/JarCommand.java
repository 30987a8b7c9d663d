package eu.interlink.jvm.itests;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of the runnable plugin jar's commands, run as an operator runs it ({@code java -jar interlink-docker-plugin.jar
 * ARGS}) without {@code INTERLINKCONFIGPATH} from the tests' environment; its stdout and its stderr go to files of
 * their own, read as it goes.
 */
final class JarCommand implements AutoCloseable {

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private JarCommand(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Runs it in {@code workDir} to its end; fails, quoting its output, if it runs longer than {@code limit}. */
    static Outcome run(Path workDir, Map<String, String> environment, Duration limit, String... args)
            throws IOException, InterruptedException {
        try (JarCommand command = start(workDir, environment, args)) {
            return command.waitFor(limit);
        }
    }

    /** Starts the command in {@code workDir} with these variables added to the environment. */
    static JarCommand start(Path workDir, Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(PluginProcess.java(), "-jar", PluginProcess.pluginJar().toString()));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile(workDir, "command-", ".out");
        Path stderr = Files.createTempFile(workDir, "command-", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().remove("INTERLINKCONFIGPATH");
        builder.environment().putAll(environment);
        return new JarCommand(builder.start(), stdout, stderr);
    }

    /** The process's id, to send it a signal. */
    long pid() {
        return process.pid();
    }

    /** What it has printed on stdout so far. */
    String stdout() {
        return read(stdout);
    }

    /** What it has printed on stderr so far. */
    String stderr() {
        return read(stderr);
    }

    /** Waits for its end; kills it and fails, quoting its output, if it takes longer than {@code limit}. */
    Outcome waitFor(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("the command did not finish within " + limit + ":\n" + stdout() + "\n"
                    + stderr());
        }
        return new Outcome(process.exitValue(), stdout(), stderr());
    }

    /** Kills it if it still runs, as a test that failed half-way leaves it. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How a command ended.
     *
     * @param exitCode its exit status
     * @param stdout   all it printed on stdout
     * @param stderr   all it printed on stderr
     */
    record Outcome(int exitCode, String stdout, String stderr) {

        /** Both outputs, for the message of a failed assertion. */
        String both() {
            return "stdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }
}
