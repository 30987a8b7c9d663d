package eu.interlink.jvm.api.wire;

import com.fasterxml.jackson.annotation.JsonIncludeProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;

/**
 * What the pods of a {@code /status} request are read as: their identity and annotations, and the names and images
 * of their containers, all that a status is made of. The rest of each pod (the spec's volumes, environments and
 * resources, the status, the managed fields) is skipped by the parser without being built: the virtual kubelet sends
 * every live pod whole every few seconds, and building all of it made most of the garbage of a {@code /status} round.
 */
final class StatusRequestView {

    private StatusRequestView() {
    }

    /** A copy of the mapper that reads pods so. */
    static ObjectMapper of(ObjectMapper mapper) {
        return mapper.copy()
                .addMixIn(Pod.class, PodView.class)
                .addMixIn(ObjectMeta.class, MetadataView.class)
                .addMixIn(PodSpec.class, SpecView.class)
                .addMixIn(Container.class, ContainerView.class);
    }

    @JsonIncludeProperties({"apiVersion", "kind", "metadata", "spec"})
    private abstract static class PodView {
    }

    @JsonIncludeProperties({"name", "namespace", "uid", "annotations", "labels"})
    private abstract static class MetadataView {
    }

    @JsonIncludeProperties({"containers", "initContainers"})
    private abstract static class SpecView {
    }

    @JsonIncludeProperties({"name", "image"})
    private abstract static class ContainerView {
    }
}
