package eu.interlink.jvm.docker.accelerators;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.interlink.jvm.api.accelerator.AcceleratorDevice;
import eu.interlink.jvm.docker.engine.Labels;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The devices a pod holds, as the label {@link Labels#DEVICES} of its sandbox's claim records them, so that a
 * restarted runtime gives the pod the same ones: {@code {"nvidia.com/gpu": ["GPU-8f...", "GPU-1c..."]}}.
 */
public final class DeviceLabels {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, List<String>>> IDS = new TypeReference<>() { };

    private DeviceLabels() {
    }

    /** The label of a claim for a pod that holds these devices; none when it holds none. */
    public static Map<String, String> of(PodDevices devices) {
        if (!devices.any()) {
            return Map.of();
        }
        Map<String, List<String>> ids = new LinkedHashMap<>();
        devices.byResource().forEach((resource, held) -> ids.put(resource,
                held.stream().map(AcceleratorDevice::id).toList()));
        try {
            return Map.of(Labels.DEVICES, JSON.writeValueAsString(ids));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The device ids, per resource, that a claim's labels record; empty when they record none or cannot be read. */
    public static Map<String, List<String>> read(Map<String, String> labels) {
        String value = labels == null ? null : labels.get(Labels.DEVICES);
        if (value == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(value, IDS);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
