package eu.interlink.jvm.bench;

import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.api.wire.WireFormat;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/** WireFormat as the host's {@code /status} endpoint calls it. */
final class ShippedCodec implements StatusCodec {

    private final WireFormat wire = new WireFormat();

    @Override
    public byte[] writeAnswer(List<PodStatus> answer) {
        return wire.write(answer);
    }

    @Override
    public List<Pod> readRequest(byte[] body) {
        return wire.readPods(body);
    }
}
