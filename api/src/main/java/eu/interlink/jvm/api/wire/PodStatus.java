package eu.interlink.jvm.api.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import java.util.List;

/**
 * One element of the {@code GET /status} answer.
 *
 * <p>The virtual kubelet copies each container status verbatim into the pod, so every requested container must be
 * listed (an empty {@code containers} list makes the pod Succeeded at once), and every timestamp in the states must
 * be RFC 3339 or absent, never {@code ""} (see {@link KubeTime}).
 *
 * @param name           the pod's name; must be non-empty or interLink skips the entry
 * @param uid            the pod's {@code metadata.uid}, echoed exactly
 * @param namespace      the pod's namespace
 * @param jid            the runtime's id for the pod, as answered by create; ignored by the virtual kubelet
 * @param containers     one status per regular container, in spec order; never null
 * @param initContainers one status per init container, in spec order; never null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PodStatus(
        @JsonProperty("name") String name,
        @JsonProperty("UID") String uid,
        @JsonProperty("namespace") String namespace,
        @JsonProperty("JID") String jid,
        @JsonProperty("containers") List<ContainerStatus> containers,
        @JsonProperty("initContainers") List<ContainerStatus> initContainers) {

    public PodStatus {
        containers = containers == null ? List.of() : List.copyOf(containers);
        initContainers = initContainers == null ? List.of() : List.copyOf(initContainers);
    }
}
