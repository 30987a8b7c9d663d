package eu.interlink.jvm.docker.lifecycle;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.docker.images.ImageReference;
import eu.interlink.jvm.docker.probes.ContainerChecks;
import eu.interlink.jvm.docker.security.PodPolicy;
import eu.interlink.jvm.docker.spec.DnsLabel;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks, before a pod is accepted, what can be checked at once: what the pod must have and the values it must use
 * (the first problem, naming the field), then everything it asks for that this runtime cannot honour yet (all of
 * them, in one line), then everything the operator's {@link PodPolicy} refuses (all of them, each with the setting
 * that would allow it).
 */
public final class PodValidator {

    private static final Pattern UID = Pattern.compile("[A-Za-z0-9][-A-Za-z0-9_.]{0,127}");

    private final PodPolicy policy;
    private final Set<String> devices;

    /**
     * A validator under the operator's policy.
     *
     * @param devices the extended resources the runtime's accelerators serve
     */
    public PodValidator(PodPolicy policy, Set<String> devices) {
        this.policy = policy;
        this.devices = Set.copyOf(devices);
    }

    /**
     * Checks the pod and tells who it is.
     *
     * @throws InvalidPodException when the pod cannot be run as asked
     */
    public PodIdentity validate(Pod pod) {
        PodIdentity identity = identify(pod);
        if (isBlank(identity.name())) {
            throw new InvalidPodException("metadata.name: required");
        }
        checkIdentity(pod);
        if (pod.getSpec() == null || pod.getSpec().getContainers() == null || pod.getSpec().getContainers().isEmpty()) {
            throw new InvalidPodException("spec.containers: at least one container is required");
        }
        Set<String> names = new HashSet<>();
        check("spec.initContainers", pod.getSpec().getInitContainers(), names);
        check("spec.containers", pod.getSpec().getContainers(), names);
        RestartPolicy.of(pod.getSpec());
        List<String> unsupported = UnsupportedFields.of(pod.getSpec(), devices);
        if (!unsupported.isEmpty()) {
            throw new InvalidPodException("pod " + identity + " asks for what this runtime does not support yet: "
                    + String.join(", ", unsupported));
        }
        List<String> refused = policy.refusals(pod.getSpec());
        if (!refused.isEmpty()) {
            throw new InvalidPodException("pod " + identity + " asks for what the operator does not allow: "
                    + String.join("; ", refused));
        }
        return identity;
    }

    /**
     * Tells who a pod is, as a delete needs to know: its UID, at least.
     *
     * @throws InvalidPodException when the pod has no UID
     */
    public PodIdentity identify(Pod pod) {
        if (pod == null) {
            throw new InvalidPodException("pod: required");
        }
        if (pod.getMetadata() == null || isBlank(pod.getMetadata().getUid())) {
            throw new InvalidPodException("metadata.uid: required");
        }
        return PodIdentity.of(pod);
    }

    /** Names and UIDs end up in folder names, Docker labels and logs: only the forms Kubernetes itself gives. */
    private static void checkIdentity(Pod pod) {
        String name = pod.getMetadata().getName();
        if (!DnsLabel.isValidSubdomain(name)) {
            throw new InvalidPodException("metadata.name: '" + name + "' is not a DNS-1123 subdomain (lower-case letters,"
                    + " digits, '-' and '.', at most 253)");
        }
        String namespace = pod.getMetadata().getNamespace();
        if (namespace != null && !namespace.isEmpty() && !DnsLabel.isValid(namespace)) {
            throw new InvalidPodException("metadata.namespace: '" + namespace + "' is not a DNS-1123 label");
        }
        String uid = pod.getMetadata().getUid();
        if (!UID.matcher(uid).matches()) {
            throw new InvalidPodException("metadata.uid: '" + uid + "' is not a UID (letters, digits, '-', '_' and '.',"
                    + " starting with a letter or digit, at most 128)");
        }
    }

    private static void check(String field, List<Container> containers, Set<String> names) {
        if (containers == null) {
            return;
        }
        for (int i = 0; i < containers.size(); i++) {
            Container container = containers.get(i);
            String at = field + "[" + i + "]";
            if (container == null || isBlank(container.getName())) {
                throw new InvalidPodException(at + ".name: required");
            }
            if (!DnsLabel.isValid(container.getName())) {
                throw new InvalidPodException(at + ".name: '" + container.getName()
                        + "' is not a DNS-1123 label (at most 63 lower-case letters, digits and '-', starting and"
                        + " ending with a letter or digit)");
            }
            if (!names.add(container.getName())) {
                throw new InvalidPodException(at + ".name: '" + container.getName() + "' is used by another container");
            }
            if (isBlank(container.getImage())) {
                throw new InvalidPodException(at + ".image: required");
            }
            if (!ImageReference.isWellFormed(container.getImage())) {
                throw new InvalidPodException(at + ".image: '" + container.getImage() + "' is not an image reference");
            }
            ContainerValues.problem(at, container).ifPresent(problem -> {
                throw new InvalidPodException(problem);
            });
            ContainerChecks.invalid(at, container).ifPresent(problem -> {
                throw new InvalidPodException(problem);
            });
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
