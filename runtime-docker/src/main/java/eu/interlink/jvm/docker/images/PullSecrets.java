package eu.interlink.jvm.docker.images;

import com.github.dockerjava.api.model.AuthConfig;
import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.docker.spec.ObjectData;
import eu.interlink.jvm.docker.spec.SentObjects;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry credentials of a pod's {@code imagePullSecrets}, which the inner engine pulls the pod's images with.
 *
 * <p>Each names a Secret sent with the pod, of type {@code kubernetes.io/dockerconfigjson} (key
 * {@code .dockerconfigjson}) or {@code kubernetes.io/dockercfg} (key {@code .dockercfg}). A pull uses the credentials
 * whose key names the image's registry (Docker Hub by any of its names) and the longest prefix of its repository's
 * path; of equal ones, those of the first secret. A secret that was not sent is left out, as kubelet leaves out one
 * it cannot find, and pulls go on without it ({@link #missing()} names it for the pull's failure); so is a secret of
 * another type, as kubelet skips one ({@link #skipped()} names it). A secret of one of those types whose config cannot
 * be read makes the pod invalid, since no retry changes it.
 *
 * <p>Its credentials never reach a log or a message. Immutable and thread-safe.
 */
public final class PullSecrets {

    /** No pull secrets: every pull is anonymous. */
    public static final PullSecrets NONE = new PullSecrets(List.of(), List.of(), List.of());

    private static final Logger LOG = LoggerFactory.getLogger(PullSecrets.class);

    private static final Map<String, String> KEY_BY_TYPE = Map.of(
            "kubernetes.io/dockerconfigjson", ".dockerconfigjson",
            "kubernetes.io/dockercfg", ".dockercfg");

    private final List<RegistryCredential> credentials;
    private final List<String> missing;
    private final List<String> skipped;

    private PullSecrets(List<RegistryCredential> credentials, List<String> missing, List<String> skipped) {
        this.credentials = List.copyOf(credentials);
        this.missing = List.copyOf(missing);
        this.skipped = List.copyOf(skipped);
    }

    /**
     * The pull secrets of the spec, read from the Secrets sent with the pod.
     *
     * @throws InvalidPodException naming each pull secret whose config cannot be read
     */
    public static PullSecrets of(PodSpec spec, SentObjects sent) {
        List<RegistryCredential> credentials = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<LocalObjectReference> references = spec.getImagePullSecrets();
        for (LocalObjectReference reference : references == null ? List.<LocalObjectReference>of() : references) {
            String name = reference == null ? null : reference.getName();
            if (name == null || name.isBlank()) {
                continue;
            }
            Secret secret = sent.secrets().get(name);
            if (secret == null) {
                missing.add(name);
            } else if (!KEY_BY_TYPE.containsKey(typeOf(secret))) {
                LOG.info("Pull secret {} has type {}, not kubernetes.io/dockerconfigjson or kubernetes.io/dockercfg: "
                        + "pulls go on without it", name, typeOf(secret));
                skipped.add(name + " (" + typeOf(secret) + ")");
            } else {
                credentials.addAll(read(secret, "spec.imagePullSecrets[" + name + "]", problems));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidPodException(String.join("; ", problems));
        }
        return new PullSecrets(credentials, missing, skipped);
    }

    private static List<RegistryCredential> read(Secret secret, String where, List<String> problems) {
        String key = KEY_BY_TYPE.get(typeOf(secret));
        int before = problems.size();
        byte[] config = ObjectData.ofSecret(secret, where, problems).get(key);
        if (problems.size() > before) {
            return List.of();
        }
        if (config == null) {
            problems.add(where + ": Secret " + secret.getMetadata().getName() + " of type " + secret.getType()
                    + " has no key " + key);
            return List.of();
        }
        return DockerConfig.read(config, key.equals(".dockerconfigjson"), where + " " + key, problems);
    }

    /** The Secret's type; one without a type is {@code Opaque}, as the API server defaults it. */
    private static String typeOf(Secret secret) {
        return Objects.requireNonNullElse(secret.getType(), "Opaque");
    }

    /** The credentials to pull the image with, if a pull secret has some for it. */
    public Optional<AuthConfig> authFor(String image) {
        ImageReference reference = ImageReference.parse(image);
        return credentials.stream()
                .filter(credential -> credential.matches(reference))
                .max(Comparator.comparingInt(credential -> credential.path().length()))
                .map(RegistryCredential::auth);
    }

    /** The names of the pull secrets that were not sent with the pod, in the spec's order. */
    public List<String> missing() {
        return missing;
    }

    /**
     * The pull secrets of another type than {@code kubernetes.io/dockerconfigjson} or {@code kubernetes.io/dockercfg},
     * each with its type, such as {@code opaque (Opaque)}, in the spec's order; pulls went on without them.
     */
    public List<String> skipped() {
        return skipped;
    }
}
