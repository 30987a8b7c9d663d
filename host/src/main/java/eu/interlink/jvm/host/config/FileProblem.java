package eu.interlink.jvm.host.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Says in a few words why a text file could not be read, to follow its name in a one-line message. */
public final class FileProblem {

    private FileProblem() {
    }

    /** {@code no such file}, {@code permission denied}, {@code not UTF-8 text} or {@code cannot be read: ...}. */
    public static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        return "cannot be read: " + (e instanceof FileSystemException fileSystem ? fileSystem.getReason()
                : e.getMessage());
    }
}
