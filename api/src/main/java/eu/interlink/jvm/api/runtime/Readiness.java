package eu.interlink.jvm.api.runtime;

/**
 * Whether a runtime can start pods promptly.
 *
 * @param ready  true when it can
 * @param detail one line for operators, such as {@code pool 1/2 sandboxes ready}; never null
 */
public record Readiness(boolean ready, String detail) {
}
