package eu.interlink.jvm.docker.security;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Kubernetes' {@code runAsNonRoot} check, done as kubelet does it, with kubelet's messages: the container is refused
 * when it would run as user 0, or as a user name whose id cannot be known before it runs.
 */
public final class RunAsNonRoot {

    private RunAsNonRoot() {
    }

    /**
     * Why the container may not run, or empty when it may.
     *
     * @param pod       the pod as kubelet names it in messages: {@code name_namespace(uid)}
     * @param imageUser the image's {@code User}; read only when the container's own user is not set
     */
    public static Optional<String> refusal(ContainerSecurity security, String pod, String container, String imageUser) {
        if (!security.runAsNonRoot()) {
            return Optional.empty();
        }
        if (security.runAsUser() != null) {
            return security.runAsUser() == 0
                    ? Optional.of("container's runAsUser breaks non-root policy (pod: \"" + pod + "\", container: "
                            + container + ")")
                    : Optional.empty();
        }
        ImageUser user = ImageUser.of(imageUser);
        OptionalLong uid = user.uid();
        if (uid.isEmpty()) {
            return Optional.of("container has runAsNonRoot and image has non-numeric user (" + user.name()
                    + "), cannot verify user is non-root (pod: \"" + pod + "\", container: " + container + ")");
        }
        return uid.getAsLong() == 0
                ? Optional.of("container has runAsNonRoot and image will run as root (pod: \"" + pod + "\", container: "
                        + container + ")")
                : Optional.empty();
    }
}
