package eu.interlink.jvm.docker.spec;

/**
 * The addresses the downward API exposes as {@code status.podIP} and {@code status.hostIP}, once they are known.
 *
 * @param podIp  the pod's IP; empty while unknown
 * @param hostIp the IP of the host the pod runs on; empty while unknown
 */
public record PodAddress(String podIp, String hostIp) {

    /** Before the sandbox exists: references can be checked, not yet filled in. */
    public static final PodAddress UNKNOWN = new PodAddress("", "");
}
