package eu.interlink.jvm.api.wire;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Free devices of one extended resource, as the ping reports them.
 *
 * @param resourceType the extended resource name, such as {@code nvidia.com/gpu}
 * @param available    the number of free devices, as a string (interLink 0.6.1+ reads quantities as strings)
 */
public record AcceleratorAvailability(
        @JsonProperty("resourceType") String resourceType,
        @JsonProperty("available") String available) {
}
