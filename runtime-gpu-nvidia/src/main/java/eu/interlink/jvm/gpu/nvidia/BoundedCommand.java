package eu.interlink.jvm.gpu.nvidia;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one program with its argv as given (never through a shell), within a time limit, and keeps what it printed.
 * Output goes to temporary files rather than pipes, so that a program printing much cannot block on a full pipe.
 */
final class BoundedCommand {

    private final String program;
    private final Duration timeout;

    BoundedCommand(String program, Duration timeout) {
        this.program = program;
        this.timeout = timeout;
    }

    /**
     * Runs the program with these arguments and waits for it, killing it (and what it started) on timeout.
     *
     * @throws CommandException when it cannot be started or does not end in time; the message says which
     */
    Result run(String... arguments) {
        List<String> argv = new ArrayList<>();
        argv.add(program);
        argv.addAll(List.of(arguments));
        String shown = String.join(" ", argv);
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("nvidia-smi-", ".out");
            err = Files.createTempFile("nvidia-smi-", ".err");
            Process process = new ProcessBuilder(argv)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
                throw new CommandException("`" + shown + "` did not end within " + timeout.toSeconds()
                        + " s and was killed", true);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CommandException("cannot run " + program + ": " + e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException("interrupted while `" + shown + "` ran", true);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A temporary file left behind costs nothing worth failing discovery for.
            }
        }
    }

    /**
     * What a program that ended printed, and its exit status.
     *
     * @param exitCode its exit status
     * @param stdout   what it printed on standard output
     * @param stderr   what it printed on standard error
     */
    record Result(int exitCode, String stdout, String stderr) {

        /** Both outputs on one line, for a log, empty parts left out. */
        String printed() {
            return (stdout.strip() + " " + stderr.strip()).strip().replaceAll("\\s+", " ");
        }
    }

    /** The program could not be started, or did not end in time. */
    static final class CommandException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final boolean started;

        CommandException(String message, boolean started) {
            super(message);
            this.started = started;
        }

        /** Whether the program started (and then did not end in time), rather than could not be run at all. */
        boolean started() {
            return started;
        }
    }
}
