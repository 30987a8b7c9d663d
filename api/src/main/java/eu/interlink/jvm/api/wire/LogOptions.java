package eu.interlink.jvm.api.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * What part of a container's log {@code GET /getLogs} asks for (interLink's {@code ContainerLogOpts}).
 *
 * <p>Zero means "not set" for the numbers, as in Go. {@code SinceTime} is a Go {@code time.Time}: unset arrives as
 * {@code 0001-01-01T00:00:00Z}, which reads as a null {@link #sinceTime()} and is written back the same way.
 *
 * @param tail         the number of lines to keep from the end; 0 for all
 * @param limitBytes   the number of bytes to send at most (JSON {@code Bytes}, as kubelet's {@code limitBytes}); 0 for no limit
 * @param timestamps   prefix each line with its RFC 3339 time
 * @param follow       keep streaming until the container ends or the client goes away
 * @param previous     the log of the previous instance of a restarted container
 * @param sinceSeconds only lines newer than this many seconds; 0 for all
 * @param sinceTime    only lines at or after this instant; null for all
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LogOptions(
        @JsonProperty("Tail") int tail,
        @JsonProperty("Bytes") long limitBytes,
        @JsonProperty("Timestamps") boolean timestamps,
        @JsonProperty("Follow") boolean follow,
        @JsonProperty("Previous") boolean previous,
        @JsonProperty("SinceSeconds") long sinceSeconds,
        @JsonIgnore Instant sinceTime) {

    /** Go's zero {@code time.Time}, which interLink sends for an unset {@code SinceTime}. */
    public static final String GO_ZERO_TIME = "0001-01-01T00:00:00Z";

    /** The whole log, once, without timestamps. */
    public static final LogOptions DEFAULTS = new LogOptions(0, 0, false, false, false, 0, null);

    public LogOptions {
        if (tail < 0 || limitBytes < 0 || sinceSeconds < 0) {
            throw new IllegalArgumentException("Tail, Bytes and SinceSeconds must not be negative");
        }
    }

    @JsonCreator
    static LogOptions fromJson(
            @JsonProperty("Tail") int tail,
            @JsonProperty("Bytes") long limitBytes,
            @JsonProperty("Timestamps") boolean timestamps,
            @JsonProperty("Follow") boolean follow,
            @JsonProperty("Previous") boolean previous,
            @JsonProperty("SinceSeconds") long sinceSeconds,
            @JsonProperty("SinceTime") String sinceTime) {
        return new LogOptions(tail, limitBytes, timestamps, follow, previous, sinceSeconds, parseSinceTime(sinceTime));
    }

    /** {@code SinceTime} as Go writes it: RFC 3339, or the zero time when unset. */
    @JsonProperty("SinceTime")
    String sinceTimeForJson() {
        return sinceTime == null ? GO_ZERO_TIME : KubeTime.format(sinceTime);
    }

    private static Instant parseSinceTime(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            Instant instant = OffsetDateTime.parse(text).toInstant();
            return instant.equals(Instant.parse(GO_ZERO_TIME)) ? null : instant;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("SinceTime must be an RFC 3339 time, got '" + text + "'", e);
        }
    }
}
