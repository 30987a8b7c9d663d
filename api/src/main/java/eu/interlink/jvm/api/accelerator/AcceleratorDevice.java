package eu.interlink.jvm.api.accelerator;

import java.util.Map;

/**
 * One device an {@link Accelerator} found.
 *
 * @param id         a stable id, unique for the resource, such as a GPU UUID; never null
 * @param model      what it is, for people, such as {@code NVIDIA H100 80GB HBM3}; never null
 * @param attributes more facts for people and logs (memory, MIG mode, ...); never null
 */
public record AcceleratorDevice(String id, String model, Map<String, String> attributes) {

    public AcceleratorDevice {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a device needs an id");
        }
        model = model == null ? "" : model;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
