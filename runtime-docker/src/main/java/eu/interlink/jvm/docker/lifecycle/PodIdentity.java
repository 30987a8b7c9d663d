package eu.interlink.jvm.docker.lifecycle;

import eu.interlink.jvm.docker.engine.Labels;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;

/**
 * Which pod something is about.
 *
 * @param uid       the pod's {@code metadata.uid}
 * @param namespace the pod's namespace; {@value #DEFAULT_NAMESPACE} when the pod names none
 * @param name      the pod's name
 */
public record PodIdentity(String uid, String namespace, String name) {

    /** The namespace of a pod that names none, as in Kubernetes. */
    public static final String DEFAULT_NAMESPACE = "default";

    /** The identity in a pod's metadata, which must have a UID and a name. */
    public static PodIdentity of(Pod pod) {
        ObjectMeta metadata = pod.getMetadata();
        String namespace = metadata.getNamespace();
        return new PodIdentity(metadata.getUid(),
                namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace,
                metadata.getName());
    }

    /** The labels that name this pod on the Docker objects that serve it. */
    public Map<String, String> labels() {
        return Labels.pod(uid, namespace, name);
    }

    @Override
    public String toString() {
        return namespace + "/" + name + " (" + uid + ")";
    }
}
