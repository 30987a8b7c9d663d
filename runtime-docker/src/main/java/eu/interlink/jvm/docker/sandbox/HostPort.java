package eu.interlink.jvm.docker.sandbox;

/**
 * A port of the host published to a port of the sandbox, which is where the pod's containers listen.
 *
 * @param hostPort      the host's port
 * @param containerPort the pod's port it forwards to
 * @param protocol      {@code tcp} or {@code udp}
 * @param hostIp        the host address it listens on; empty for all of them
 * @param field         the pod field that asks for it, for messages, such as {@code spec.containers[web].ports[http]}
 */
public record HostPort(int hostPort, int containerPort, String protocol, String hostIp, String field) {

    /** Such as {@code 8080/tcp}, or {@code 127.0.0.1:8080/tcp} with a host address. */
    public String describe() {
        return (hostIp.isEmpty() ? "" : hostIp + ":") + hostPort + "/" + protocol;
    }
}
