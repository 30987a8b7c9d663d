package eu.interlink.jvm.api.wire;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to {@code POST /create}: always one object, whatever form the request had.
 *
 * @param podUid the pod's {@code metadata.uid}, echoed exactly; interLink stores {@code podJid} only when it matches
 * @param podJid the runtime's id for the pod, stored by the virtual kubelet as the {@code JobID} annotation
 */
public record CreateResponse(@JsonProperty("PodUID") String podUid, @JsonProperty("PodJID") String podJid) {
}
