package eu.interlink.jvm.host.client;

import java.nio.charset.StandardCharsets;

/** The part of a plugin's answer, or of a parser's complaint, that fits in a one-line message. */
final class AnswerExcerpt {

    /** The most characters a message quotes. */
    static final int MAX_CHARS = 300;

    /** The most bytes of a body read for a message: enough for {@link #MAX_CHARS} characters of UTF-8. */
    static final int MAX_BYTES = MAX_CHARS * 4;

    private AnswerExcerpt() {
    }

    /** The body's first non-blank line, cut at {@link #MAX_CHARS} characters, or {@code (empty body)}. */
    static String of(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.isBlank() ? "(empty body)" : firstLine(text);
    }

    /** The text's first non-blank line, cut at {@link #MAX_CHARS} characters; empty for null or blank text. */
    static String firstLine(String text) {
        String line = text == null ? "" : text.strip().lines().findFirst().orElse("").strip();
        return line.length() > MAX_CHARS ? line.substring(0, MAX_CHARS) + "…" : line;
    }
}
