package eu.interlink.jvm.api.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Reads and writes the interLink plugin wire format exactly as the Go API server speaks it.
 *
 * <p>Unknown fields are ignored everywhere. Readers turn every problem (malformed JSON, a wrong type, a missing
 * {@code metadata.uid}) into a {@link WireFormatException} whose message names the field and fits in one line.
 * Instances are immutable and thread-safe.
 */
public final class WireFormat {

    private static final TypeReference<List<Pod>> POD_LIST = new TypeReference<>() { };
    private static final TypeReference<List<RetrievedPodData>> CREATE_LIST = new TypeReference<>() { };

    private final ObjectMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    private final ObjectReader createReader = mapper.readerFor(RetrievedPodData.class);
    private final ObjectReader createListReader = mapper.readerFor(CREATE_LIST);
    private final ObjectReader podReader = mapper.readerFor(Pod.class);
    private final ObjectReader statusRequestReader = StatusRequestView.of(mapper).readerFor(POD_LIST)
            .with(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
    private final ObjectReader logRequestReader = mapper.readerFor(LogRequest.class);
    private final ObjectWriter writer = mapper.writer();

    /**
     * Reads a {@code /create} body: one object (interLink 0.5+) or a one-element array (0.3–0.4).
     * A longer array is refused rather than cut: nothing is dropped silently.
     *
     * @throws WireFormatException when the body is not such a request or the pod has no name or UID
     */
    public RetrievedPodData readCreateRequest(byte[] body) {
        RetrievedPodData data = startsWithArray(body) ? onlyElement(read(createListReader, body, "a create request"))
                : read(createReader, body, "a create request");
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
     * Of each pod, only what a status is made of is read: its metadata's name, namespace, UID, labels and
     * annotations, and the names and images of its containers and init containers; the rest is skipped unread.
     *
     * @throws WireFormatException when the body is not such an array
     */
    public List<Pod> readPods(byte[] body) {
        List<Pod> pods = read(statusRequestReader, body, "an array of pods");
        for (int i = 0; i < pods.size(); i++) {
            Pod pod = pods.get(i);
            if (pod == null) {
                throw new WireFormatException("[" + i + "]: expected a pod, got null");
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

    private <T> T read(ObjectReader reader, byte[] body, String expected) {
        if (body.length == 0) {
            throw new WireFormatException("empty body: expected " + expected);
        }
        try (JsonParser parser = mapper.createParser(body)) {
            T value = readOpen(reader, parser);
            if (value == null) {
                throw new WireFormatException("null: expected " + expected);
            }
            return value;
        } catch (CharConversionException e) {
            throw new WireFormatException("malformed JSON: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Describes a problem while the parser is still open, so that the description can name the offending token. */
    private static <T> T readOpen(ObjectReader reader, JsonParser parser) throws IOException {
        try {
            return reader.readValue(parser);
        } catch (JsonProcessingException e) {
            throw new WireFormatException(JsonProblem.describe(e), e);
        }
    }

    /** interLink 0.3–0.4 send {@code [ {...} ]}: the first byte that is not white space tells. */
    private static boolean startsWithArray(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return b == '[';
            }
        }
        return false;
    }

    private static RetrievedPodData onlyElement(List<RetrievedPodData> requests) {
        if (requests.size() != 1 || requests.get(0) == null) {
            throw new WireFormatException("expected one pod, or an array of one, got an array of " + requests.size());
        }
        return requests.get(0);
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
