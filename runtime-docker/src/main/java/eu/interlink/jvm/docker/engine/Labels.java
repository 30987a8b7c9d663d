package eu.interlink.jvm.docker.engine;

import java.nio.file.Path;
import java.util.Map;

/**
 * The labels this runtime puts on the Docker objects it makes, so that they can be found (and cleaned up, or taken
 * over after a restart) by what they are rather than by name.
 *
 * <pre>
 *   host engine:  sandbox container  role=sandbox          sandbox-id, pool, data-root
 *                 sandbox volume     role=sandbox-storage  sandbox-id, pool, data-root
 *                 claim container    role=pod-claim        sandbox-id, data-root, pod-uid, pod-namespace, pod-name,
 *                                                          devices (when the pod holds any)
 *   inner engine: pod container      role=pod-container    pod-uid, container-name, restart-count
 * </pre>
 *
 * <p>A sandbox's own labels never name a pod, because a pooled sandbox is built before its pod is known and Docker
 * cannot relabel a container: a claim container, created (never started) when the sandbox is given to a pod, records
 * which pod it serves.
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
    /** {@code true} on a sandbox built for the pool, {@code false} on one built for a given pod. */
    public static final String POOL = "eu.interlink.jvm.pool";
    /** The {@code DataRootFolder} of the runtime that made the object, so that a runtime finds only its own. */
    public static final String DATA_ROOT = "eu.interlink.jvm.data-root";
    /** The devices the pod holds, per extended resource, on its claim ({@code DeviceLabels}). */
    public static final String DEVICES = "eu.interlink.jvm.devices";
    /** The name, in the pod spec, of the container an inner container runs. */
    public static final String CONTAINER_NAME = "eu.interlink.jvm.container-name";
    /** How often the spec container had been restarted when the inner container was made for its run: 0 for the first. */
    public static final String RESTART_COUNT = "eu.interlink.jvm.restart-count";

    /** A sandbox: the Docker-in-Docker container on the host engine. */
    public static final String ROLE_SANDBOX = "sandbox";
    /** A sandbox's {@code /var/lib/docker} volume on the host engine. */
    public static final String ROLE_SANDBOX_STORAGE = "sandbox-storage";
    /** A claim: a container on the host engine, never started, that gives a sandbox to a pod. */
    public static final String ROLE_POD_CLAIM = "pod-claim";
    /** A container of a pod, on a sandbox's inner engine. */
    public static final String ROLE_POD_CONTAINER = "pod-container";
    /** A bridge network the runtime made for its sandboxes. */
    public static final String ROLE_SANDBOX_NETWORK = "sandbox-network";

    private Labels() {
    }

    /** The labels that name a pod. */
    public static Map<String, String> pod(String uid, String namespace, String name) {
        return Map.of(POD_UID, uid, POD_NAMESPACE, namespace, POD_NAME, name);
    }

    /** The labels of a sandbox's container and volume, besides their role. */
    public static Map<String, String> sandbox(String id, boolean pooled, Path dataRoot) {
        return Map.of(SANDBOX_ID, id, POOL, String.valueOf(pooled), DATA_ROOT, dataRoot.toString());
    }

    /** A filter for one label, as Docker's {@code label} filter takes it. */
    public static String filter(String key, String value) {
        return key + "=" + value;
    }
}
