package eu.interlink.jvm.docker.lifecycle;

/**
 * Why a container is waiting, or why it ended without running, as a Kubernetes container state says it.
 *
 * @param reason  a CamelCase reason, such as {@code ContainerCreating} or {@code ErrImagePull}
 * @param message one line for people, or null
 */
public record Reason(String reason, String message) {
}
