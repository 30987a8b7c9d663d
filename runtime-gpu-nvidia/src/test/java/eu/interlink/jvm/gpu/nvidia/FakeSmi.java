package eu.interlink.jvm.gpu.nvidia;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/**
 * A stand-in {@code nvidia-smi} for machines without a GPU: a program that prints a fixture for the GPU query and
 * another for {@code -L}, exits with the status given, and appends each argv it got to a file, one run a line.
 */
final class FakeSmi {

    private final Path program;
    private final Path calls;

    private FakeSmi(Path program, Path calls) {
        this.program = program;
        this.calls = calls;
    }

    /** A program printing {@code queryFixture} for the GPU query and {@code listFixture} (or nothing) for -L. */
    static FakeSmi printing(Path folder, String queryFixture, int queryStatus, String listFixture) {
        return printing(folder, queryFixture, queryStatus, listFixture, 0);
    }

    /** The same, with {@code -L} ending with {@code listStatus}. */
    static FakeSmi printing(Path folder, String queryFixture, int queryStatus, String listFixture, int listStatus) {
        String list = listFixture == null ? ":" : "cat '" + Fixtures.path(listFixture) + "'";
        return script(folder, "if [ \"$1\" = -L ]; then " + list + "; exit " + listStatus + "; fi\n"
                + "cat '" + Fixtures.path(queryFixture) + "'\nexit " + queryStatus + "\n");
    }

    /** A program that never ends by itself. */
    static FakeSmi hanging(Path folder) {
        return script(folder, "exec sleep 600\n");
    }

    private static FakeSmi script(Path folder, String body) {
        Path program = folder.resolve("nvidia-smi");
        Path calls = folder.resolve("calls");
        try {
            Files.writeString(program, "#!/bin/sh\necho \"$*\" >> '" + calls + "'\n" + body, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FakeSmi(program, calls);
    }

    NvidiaSettings settings(int timeoutSeconds) {
        return new NvidiaSettings(program.toString(), Duration.ofSeconds(timeoutSeconds));
    }

    /** Each run's arguments, space-separated, in order. */
    List<String> calls() {
        try {
            return Files.exists(calls) ? Files.readAllLines(calls, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
