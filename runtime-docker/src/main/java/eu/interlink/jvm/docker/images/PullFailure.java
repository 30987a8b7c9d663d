package eu.interlink.jvm.docker.images;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a failed pull's message, as the engine words it, says about the registry. Under {@code Always} only an
 * {@link #UNREACHABLE} registry lets a local copy stand in: a registry that refused the credentials, or answered
 * anything else, has the last word.
 */
enum PullFailure {

    /** The registry answered that the credentials, or their absence, do not allow the pull (401, 403, denied). */
    REFUSED,
    /** The registry could not be reached: name resolution, connection, or an answer that never came. */
    UNREACHABLE,
    /** Anything else, such as an image the registry does not have. */
    OTHER;

    private static final List<String> REFUSALS = List.of("unauthorized", "forbidden", "denied",
            "no basic auth credentials", "authentication required");
    private static final Pattern REFUSAL_STATUS = Pattern.compile("\\b(?:status(?: code)?:?|http) 40[13]\\b");
    private static final List<String> NETWORK_FAILURES = List.of("dial tcp", "no such host",
            "temporary failure in name resolution", "server misbehaving", "connection refused",
            "connection reset by peer", "network is unreachable", "no route to host", "i/o timeout",
            "tls handshake timeout", "timeout exceeded", "context deadline exceeded", "got no answer within");

    /** The kind of failure the message tells of; a refusal wins over any network words in the same message. */
    static PullFailure of(String message) {
        String text = message.toLowerCase(Locale.ROOT);
        if (REFUSALS.stream().anyMatch(text::contains) || REFUSAL_STATUS.matcher(text).find()) {
            return REFUSED;
        }
        return NETWORK_FAILURES.stream().anyMatch(text::contains) ? UNREACHABLE : OTHER;
    }
}
