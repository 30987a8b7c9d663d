package eu.interlink.jvm.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.api.wire.WireFormat;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * WireFormat's mapper reading each pod of the request whole, as {@code /status} did before it read only what a status
 * is made of: the baseline of {@link ShippedCodec}.
 */
final class WholePodsCodec implements StatusCodec {

    private final ObjectWriter writer;
    private final ObjectReader podListReader;

    WholePodsCodec() {
        WireFormat wire = new WireFormat();
        writer = wire.mapper().writer();
        podListReader = wire.mapper().readerFor(new TypeReference<List<Pod>>() { })
                .with(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
    }

    @Override
    public byte[] writeAnswer(List<PodStatus> answer) {
        try {
            return writer.writeValueAsBytes(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<Pod> readRequest(byte[] body) {
        try {
            return podListReader.readValue(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
