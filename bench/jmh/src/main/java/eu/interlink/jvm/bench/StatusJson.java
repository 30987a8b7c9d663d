package eu.interlink.jvm.bench;

import eu.interlink.jvm.api.wire.PodStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JSON of one {@code /status} round for {@value #PODS} pods of two containers each: reading the request the
 * virtual kubelet sends, and writing the answer, by WireFormat as shipped, which reads of each pod only what a status
 * is made of, and by the same mapper reading whole pods, as it did before.
 *
 * <p>Sample time, so that bench/status-json.sh can compare medians, which other processes on a shared machine move
 * far less than means.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class StatusJson {

    static final int PODS = 200;

    /** Which codec: {@code wireformat} ({@link ShippedCodec}) or {@code wholepods} ({@link WholePodsCodec}). */
    @Param({"wireformat", "wholepods"})
    public String json;

    private StatusCodec codec;
    private List<PodStatus> answer;
    private byte[] request;

    /** Builds the data and the codec once per trial, and checks that the codec agrees with WireFormat. */
    @Setup
    public void setUp() {
        answer = StatusFixtures.answer(PODS);
        request = StatusFixtures.request(PODS);
        codec = switch (json) {
            case "wireformat" -> new ShippedCodec();
            case "wholepods" -> new WholePodsCodec();
            default -> throw new IllegalArgumentException("no codec " + json);
        };
        StatusCodec shipped = new ShippedCodec();
        if (!Arrays.equals(codec.writeAnswer(answer), shipped.writeAnswer(answer))
                || !statusInputs(codec.readRequest(request)).equals(statusInputs(shipped.readRequest(request)))) {
            throw new IllegalStateException(json + " does not read and write the JSON as WireFormat does");
        }
    }

    /** What a status is made of, of each pod: its identity, annotations, and its containers' names and images. */
    private static List<List<Object>> statusInputs(List<Pod> pods) {
        return pods.stream().map(pod -> List.<Object>of(pod.getMetadata().getUid(), pod.getMetadata().getName(),
                pod.getMetadata().getNamespace(), pod.getMetadata().getAnnotations(),
                pod.getSpec().getContainers().stream().map(c -> c.getName() + " " + c.getImage()).toList(),
                pod.getSpec().getInitContainers().stream().map(c -> c.getName() + " " + c.getImage()).toList()))
                .toList();
    }

    /** Writes the answer to {@code GET /status}. */
    @Benchmark
    public byte[] writeAnswer() {
        return codec.writeAnswer(answer);
    }

    /** Reads the body of {@code GET /status}. */
    @Benchmark
    public List<Pod> readRequest() {
        return codec.readRequest(request);
    }
}
