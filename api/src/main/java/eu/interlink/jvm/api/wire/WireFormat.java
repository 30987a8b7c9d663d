package eu.interlink.jvm.api.wire;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads and writes the interLink plugin wire format exactly as the Go API server speaks it.
 *
 * <p>Unknown fields are ignored everywhere. Readers turn every problem (malformed JSON, a wrong type, a missing
 * {@code metadata.uid}) into a {@link WireFormatException} whose message names the field and fits in one line.
 * Instances are immutable and thread-safe.
 */
public final class WireFormat {

    private static final TypeReference<List<Pod>> POD_LIST = new TypeReference<>() { };

    private final ObjectMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    private final ObjectReader createReader = mapper.readerFor(RetrievedPodData.class)
            .with(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS);
    private final ObjectReader podReader = mapper.readerFor(Pod.class)
            .with(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS);
    private final ObjectReader podListReader = mapper.readerFor(POD_LIST)
            .with(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
    private final ObjectReader logRequestReader = mapper.readerFor(LogRequest.class);
    private final ObjectWriter writer = mapper.writer();

    /**
     * Reads a {@code /create} body: one object (interLink 0.5+) or a one-element array (0.3–0.4).
     *
     * @throws WireFormatException when the body is not such a request or the pod has no name or UID
     */
    public RetrievedPodData readCreateRequest(byte[] body) {
        RetrievedPodData data = read(createReader, body, "a create request");
        if (data.pod() == null) {
            throw new WireFormatException("pod: required");
        }
        requireIdentity(data.pod(), "pod.");
        return data;
    }

    /**
     * Reads a {@code /delete} body: one pod, of which only the identity is needed.
     *
     * @throws WireFormatException when the body is not a pod with a name and UID
     */
    public Pod readPod(byte[] body) {
        Pod pod = read(podReader, body, "a pod");
        requireIdentity(pod, "");
        return pod;
    }

    /**
     * Reads a {@code /status} body: an array of pods, each with a name and UID. An empty array is the health ping.
     *
     * @throws WireFormatException when the body is not such an array
     */
    public List<Pod> readPods(byte[] body) {
        List<Pod> pods = read(podListReader, body, "an array of pods");
        for (int i = 0; i < pods.size(); i++) {
            Pod pod = pods.get(i);
            if (pod == null) {
                throw new WireFormatException("[" + i + "]: a pod, not null");
            }
            requireIdentity(pod, "[" + i + "].");
        }
        return pods;
    }

    /**
     * Reads a {@code /getLogs} body.
     *
     * @throws WireFormatException when the body is not a log request naming a pod UID and a container
     */
    public LogRequest readLogRequest(byte[] body) {
        LogRequest request = read(logRequestReader, body, "a log request");
        if (isBlank(request.podUid())) {
            throw new WireFormatException("PodUID: required");
        }
        if (isBlank(request.containerName())) {
            throw new WireFormatException("ContainerName: required");
        }
        return request;
    }

    /** The value as compact JSON. */
    public byte[] write(Object value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** The mapper behind this format, for callers that need to read or write other JSON the same way. */
    public ObjectMapper mapper() {
        return mapper;
    }

    private static <T> T read(ObjectReader reader, byte[] body, String expected) {
        if (body.length == 0) {
            throw new WireFormatException("empty body: expected " + expected);
        }
        try {
            T value = reader.readValue(body);
            if (value == null) {
                throw new WireFormatException("null: expected " + expected);
            }
            return value;
        } catch (JsonMappingException e) {
            throw new WireFormatException(describe(e), e);
        } catch (JsonProcessingException e) {
            throw new WireFormatException("malformed JSON" + at(e.getLocation()) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
        Throwable cause = e.getCause();
        String reason = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
        return (path.isEmpty() ? "body" : path) + ": " + firstLine(reason);
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0
                ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static void requireIdentity(Pod pod, String prefix) {
        ObjectMeta metadata = pod.getMetadata();
        if (metadata == null) {
            throw new WireFormatException(prefix + "metadata: required");
        }
        if (isBlank(metadata.getUid())) {
            throw new WireFormatException(prefix + "metadata.uid: required");
        }
        if (isBlank(metadata.getName())) {
            throw new WireFormatException(prefix + "metadata.name: required");
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
