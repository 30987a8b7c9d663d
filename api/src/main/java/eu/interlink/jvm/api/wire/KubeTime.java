package eu.interlink.jvm.api.wire;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Kubernetes {@code metav1.Time} text: RFC 3339 in UTC with whole seconds, or null.
 *
 * <p>Go's parser rejects {@code ""}, and interLink then fails the whole status call, so a time that is not known is
 * null (omitted), never empty.
 */
public final class KubeTime {

    private KubeTime() {
    }

    /** The instant as {@code 2026-07-14T10:00:00Z}; null for null. */
    public static String format(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
