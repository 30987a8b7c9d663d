package eu.interlink.jvm.api.wire;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The capacity a runtime offers, as the ping reports it; any field is null when unknown and then omitted.
 *
 * @param cpu          a Kubernetes quantity, such as {@code "16"}
 * @param memory       a Kubernetes quantity, such as {@code "64Gi"}
 * @param pods         a non-negative integer quantity
 * @param accelerators free devices per extended resource; null or empty when there are none
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NodeResources(
        @JsonProperty("cpu") String cpu,
        @JsonProperty("memory") String memory,
        @JsonProperty("pods") String pods,
        @JsonProperty("accelerators") List<AcceleratorAvailability> accelerators) {

    /** Nothing known. */
    public static final NodeResources UNKNOWN = new NodeResources(null, null, null, List.of());

    public NodeResources {
        accelerators = accelerators == null ? List.of() : List.copyOf(accelerators);
    }

    /** True when no field is known, so that the ping should leave {@code resources} out. */
    @JsonIgnore
    public boolean isUnknown() {
        return cpu == null && memory == null && pods == null && accelerators.isEmpty();
    }
}
