package eu.interlink.jvm.docker.images;

import com.github.dockerjava.api.model.AuthConfig;

/**
 * The credentials a pull secret gives for one registry, and the repositories they are for: those of the registry
 * whose path starts with {@code path} (all of them when it is empty).
 *
 * @param registry the registry's host, with its port if any, lower-case; {@code docker.io} for Docker Hub
 * @param path     the repository path the key names after the host, without slashes at either end; often empty
 * @param auth     what the inner engine is given to pull with
 */
public record RegistryCredential(String registry, String path, AuthConfig auth) {

    /** Whether these credentials are for the image, as kubelet matches a docker config's keys. */
    boolean matches(ImageReference image) {
        if (!registry.equals(image.registry())) {
            return false;
        }
        String repository = image.path();
        return path.isEmpty() || repository.equals(path) || repository.startsWith(path + "/");
    }

    /** Names the registry only: the credentials must never reach a log. */
    @Override
    public String toString() {
        return "RegistryCredential[" + registry + (path.isEmpty() ? "" : "/" + path) + "]";
    }
}
