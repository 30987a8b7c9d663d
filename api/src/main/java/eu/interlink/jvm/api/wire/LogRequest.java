package eu.interlink.jvm.api.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * The body of {@code GET /getLogs} (interLink's {@code LogStruct}).
 *
 * @param namespace     the pod's namespace
 * @param podUid        the pod's {@code metadata.uid}
 * @param podName       the pod's name
 * @param containerName the container whose log is wanted
 * @param options       what part of the log, and whether to follow it; never null ({@code null} reads as the defaults)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LogRequest(
        @JsonProperty("Namespace") String namespace,
        @JsonProperty("PodUID") String podUid,
        @JsonProperty("PodName") String podName,
        @JsonProperty("ContainerName") String containerName,
        @JsonProperty("Opts") LogOptions options) {

    public LogRequest {
        options = options == null ? LogOptions.DEFAULTS : options;
    }

    /** The request for a container of this pod, naming the pod by its metadata as interLink does. */
    public static LogRequest of(Pod pod, String containerName, LogOptions options) {
        ObjectMeta metadata = pod.getMetadata();
        return new LogRequest(metadata.getNamespace(), metadata.getUid(), metadata.getName(), containerName, options);
    }
}
