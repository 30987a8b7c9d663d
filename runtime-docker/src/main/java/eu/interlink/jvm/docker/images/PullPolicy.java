package eu.interlink.jvm.docker.images;

import io.fabric8.kubernetes.api.model.Container;

/**
 * Kubernetes' {@code imagePullPolicy}: when a container's image is pulled from its registry. The constants are in
 * order of demand: when containers of one pod share an image, the first of their policies wins.
 */
public enum PullPolicy {

    /** Pull every time; use a local copy only when the registry cannot be reached, and say so. */
    ALWAYS,
    /** Use the sandbox's or the host's copy; pull only when neither has the image. */
    IF_NOT_PRESENT,
    /** Never pull: the sandbox or the host must have the image. */
    NEVER;

    /**
     * The container's policy; when it names none, Kubernetes' default: {@code Always} for an image tagged
     * {@code latest} or not tagged at all, {@code IfNotPresent} otherwise.
     */
    public static PullPolicy of(Container container) {
        String policy = container.getImagePullPolicy();
        if (policy == null || policy.isBlank()) {
            ImageReference image = ImageReference.parse(container.getImage());
            return "latest".equals(image.tag()) ? ALWAYS : IF_NOT_PRESENT;
        }
        return switch (policy) {
            case "Always" -> ALWAYS;
            case "Never" -> NEVER;
            default -> IF_NOT_PRESENT;
        };
    }
}
