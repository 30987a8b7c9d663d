package eu.interlink.jvm.bench;

import eu.interlink.jvm.api.wire.PodStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/** One way of reading the {@code /status} request and writing its answer, as the benchmark compares them. */
interface StatusCodec {

    /** The answer as the bytes sent. */
    byte[] writeAnswer(List<PodStatus> answer);

    /** The pods of a request body. */
    List<Pod> readRequest(byte[] body);
}
