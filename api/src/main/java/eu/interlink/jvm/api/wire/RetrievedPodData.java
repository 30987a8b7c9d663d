package eu.interlink.jvm.api.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/**
 * The body of {@code POST /create}: one pod and, per container, the Kubernetes objects it mounts.
 *
 * <p>interLink 0.5 and later send one object; 0.3 and 0.4 send a one-element array. {@link WireFormat#readCreateRequest}
 * accepts both. {@code jobConfig} and {@code jobScript} (batch-system plugins only) are accepted and ignored, as is any
 * field this type does not name.
 *
 * @param pod       the pod, holding only the containers interLink offloads; never null once read by {@link WireFormat}
 * @param container one entry per init container, then one per regular container; never null ({@code null} reads as empty)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RetrievedPodData(
        @JsonProperty("pod") Pod pod,
        @JsonProperty("container") List<RetrievedContainer> container) {

    public RetrievedPodData {
        container = container == null ? List.of() : List.copyOf(container);
    }

    /** The UID of the pod, which keys every later call about it. */
    public String podUid() {
        return pod.getMetadata().getUid();
    }
}
