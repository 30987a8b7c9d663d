package eu.interlink.jvm.docker.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns docker-java's error messages ({@code Status 500: {"message":"..."}} and a newline) into the one line a pod's
 * status or a log shows: the engine's own message.
 */
public final class DockerMessages {

    private static final Pattern ENGINE_ERROR = Pattern.compile("Status \\d+: \\{\"message\":\"(.*)\"}", Pattern.DOTALL);

    private DockerMessages() {
    }

    /** The failure's message on one line, with the engine's message unwrapped. */
    public static String oneLine(Throwable failure) {
        return oneLine(String.valueOf(failure.getMessage()));
    }

    /** The message on one line, with the engine's message unwrapped. */
    public static String oneLine(String message) {
        String text = message.strip();
        Matcher engineError = ENGINE_ERROR.matcher(text);
        if (engineError.matches()) {
            text = engineError.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return text.replaceAll("\\s*\\R\\s*", " ");
    }
}
