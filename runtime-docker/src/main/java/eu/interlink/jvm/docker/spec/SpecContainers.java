package eu.interlink.jvm.docker.spec;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.List;
import java.util.stream.Stream;

/** Every container of a pod spec, init containers first, each list in spec order; a missing list is empty. */
public final class SpecContainers {

    private SpecContainers() {
    }

    public static Stream<Container> of(PodSpec spec) {
        return Stream.concat(orEmpty(spec.getInitContainers()), orEmpty(spec.getContainers()));
    }

    private static Stream<Container> orEmpty(List<Container> containers) {
        return containers == null ? Stream.empty() : containers.stream();
    }
}
