package eu.interlink.jvm.docker.engine;

import java.util.Map;

/**
 * The labels this runtime puts on the Docker objects it makes, so that they can be found (and cleaned up, or taken
 * over after a restart) by what they are rather than by name.
 *
 * <pre>
 *   host engine:  sandbox container  role=sandbox          sandbox-id, pod-uid, pod-namespace, pod-name
 *                 sandbox volume     role=sandbox-storage  sandbox-id, pod-uid, pod-namespace, pod-name
 *   inner engine: pod container      role=pod-container    pod-uid, container-name
 * </pre>
 */
public final class Labels {

    /** What the object is: one of the {@code ROLE_} values. */
    public static final String ROLE = "eu.interlink.jvm.role";
    /** The sandbox a container or volume belongs to. */
    public static final String SANDBOX_ID = "eu.interlink.jvm.sandbox-id";
    /** The UID of the pod the object serves. */
    public static final String POD_UID = "eu.interlink.jvm.pod-uid";
    /** The namespace of the pod the object serves. */
    public static final String POD_NAMESPACE = "eu.interlink.jvm.pod-namespace";
    /** The name of the pod the object serves. */
    public static final String POD_NAME = "eu.interlink.jvm.pod-name";
    /** The name, in the pod spec, of the container an inner container runs. */
    public static final String CONTAINER_NAME = "eu.interlink.jvm.container-name";

    /** A sandbox: the Docker-in-Docker container on the host engine. */
    public static final String ROLE_SANDBOX = "sandbox";
    /** A sandbox's {@code /var/lib/docker} volume on the host engine. */
    public static final String ROLE_SANDBOX_STORAGE = "sandbox-storage";
    /** A container of a pod, on a sandbox's inner engine. */
    public static final String ROLE_POD_CONTAINER = "pod-container";

    private Labels() {
    }

    /** The labels that name a pod. */
    public static Map<String, String> pod(String uid, String namespace, String name) {
        return Map.of(POD_UID, uid, POD_NAMESPACE, namespace, POD_NAME, name);
    }

    /** A filter for one label, as Docker's {@code label} filter takes it. */
    public static String filter(String key, String value) {
        return key + "=" + value;
    }
}
