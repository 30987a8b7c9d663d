package eu.interlink.jvm.docker.accelerators;

import eu.interlink.jvm.api.accelerator.AcceleratorDevice;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The devices a pod holds, per extended resource, in the order they were given; split among its containers as
 * Kubernetes does: each regular container gets its own, in the order of the spec, and an init container, which runs
 * alone, the first ones.
 *
 * @param byResource the devices of each resource the pod holds
 */
public record PodDevices(Map<String, List<AcceleratorDevice>> byResource) {

    /** A pod that holds no device. */
    public static final PodDevices NONE = new PodDevices(Map.of());

    public PodDevices {
        Map<String, List<AcceleratorDevice>> copy = new LinkedHashMap<>();
        byResource.forEach((resource, devices) -> copy.put(resource, List.copyOf(devices)));
        byResource = Collections.unmodifiableMap(copy);
    }

    /** Whether the pod holds any device. */
    public boolean any() {
        return byResource.values().stream().anyMatch(devices -> !devices.isEmpty());
    }

    /**
     * The devices of the container of this name, per resource: empty when it asks for none.
     *
     * @param needs             what the pod's containers ask for
     * @param init              whether the container is an init container
     * @param regularContainers the names of the pod's regular containers, in the order of the spec
     */
    public Map<String, List<AcceleratorDevice>> ofContainer(DeviceNeeds needs, String container, boolean init,
            List<String> regularContainers) {
        Map<String, List<AcceleratorDevice>> devices = new LinkedHashMap<>();
        needs.of(container).forEach((resource, count) -> {
            List<AcceleratorDevice> held = byResource.getOrDefault(resource, List.of());
            int first = init ? 0 : regularContainers.stream().takeWhile(name -> !name.equals(container))
                    .mapToInt(name -> needs.of(name).getOrDefault(resource, 0)).sum();
            devices.put(resource, held.subList(Math.min(first, held.size()), Math.min(first + count, held.size())));
        });
        return devices;
    }
}
