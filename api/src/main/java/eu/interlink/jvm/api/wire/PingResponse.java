package eu.interlink.jvm.api.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.List;

/**
 * The answer to the health ping, {@code GET /status} with {@code []}, as interLink 0.6.2 reads it.
 *
 * <p>Every field but {@code status} is optional and omitted when unknown: a reported {@code "0"} cpu or memory
 * would drain the node.
 *
 * @param status    {@code "ok"} while the plugin can serve pods
 * @param resources what the node offers, or null when unknown
 * @param taints    the node's taints, or null to leave them as they are
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PingResponse(
        @JsonProperty("status") String status,
        @JsonProperty("resources") NodeResources resources,
        @JsonProperty("taints") List<Taint> taints) {
}
