package eu.interlink.jvm.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.api.wire.WireFormat;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A copy of WireFormat's mapper, so with the same settings, with Jackson's Blackbird module registered: property
 * access through generated lambdas instead of reflection.
 */
final class BlackbirdCodec implements StatusCodec {

    private final ObjectWriter writer;
    private final ObjectReader podListReader;

    BlackbirdCodec() {
        ObjectMapper mapper = new WireFormat().mapper().copy().registerModule(new BlackbirdModule());
        writer = mapper.writer();
        podListReader = mapper.readerFor(new TypeReference<List<Pod>>() { })
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
