package eu.interlink.jvm.docker.network;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.docker.sandbox.HostPort;
import eu.interlink.jvm.docker.spec.SpecContainers;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The host ports a pod's containers ask for ({@code ports[].hostPort}), as its sandbox publishes them: TCP or UDP
 * (Docker publishes no SCTP), on every host address or on {@code hostIP}. Stateless.
 */
public final class HostPorts {

    private HostPorts() {
    }

    /**
     * Each host port the spec asks for, in spec order.
     *
     * @throws InvalidPodException naming the field of a port out of range, of a protocol other than TCP or UDP, of a
     *                             {@code hostIP} that is not an IP address, or of a host port asked for twice
     */
    public static List<HostPort> of(PodSpec spec) {
        List<HostPort> found = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (Container container : SpecContainers.of(spec).toList()) {
            for (ContainerPort port : container.getPorts() == null ? List.<ContainerPort>of() : container.getPorts()) {
                if (port.getHostPort() == null || port.getHostPort() == 0) {
                    continue;
                }
                String field = field(spec, container, port);
                found.add(hostPort(port, field, taken));
            }
        }
        return found;
    }

    private static HostPort hostPort(ContainerPort port, String field, Set<String> taken) {
        int hostPort = port.getHostPort();
        if (hostPort < 1 || hostPort > 65_535) {
            throw new InvalidPodException(field + ".hostPort: " + hostPort + " is not a port from 1 to 65535");
        }
        Integer containerPort = port.getContainerPort();
        if (containerPort == null || containerPort < 1 || containerPort > 65_535) {
            throw new InvalidPodException(field + ".containerPort: " + containerPort + " is not a port from 1 to 65535");
        }
        String protocol = port.getProtocol() == null ? "tcp" : port.getProtocol().toLowerCase(Locale.ROOT);
        if (!protocol.equals("tcp") && !protocol.equals("udp")) {
            throw new InvalidPodException(field + ".protocol: " + port.getProtocol()
                    + " cannot be published on a Docker host (TCP or UDP only)");
        }
        String hostIp = port.getHostIP() == null ? "" : port.getHostIP().strip();
        if (!hostIp.isEmpty() && IpLiteral.parse(hostIp).isEmpty()) {
            throw new InvalidPodException(field + ".hostIP: '" + hostIp + "' is not an IP address");
        }
        if (!taken.add(hostPort + "/" + protocol)) {
            throw new InvalidPodException(field + ".hostPort: " + hostPort + "/" + protocol
                    + " is asked for twice in the pod");
        }
        return new HostPort(hostPort, containerPort, protocol, hostIp, field);
    }

    private static String field(PodSpec spec, Container container, ContainerPort port) {
        boolean init = spec.getInitContainers() != null && spec.getInitContainers().contains(container);
        String name = port.getName() != null ? port.getName() : String.valueOf(port.getContainerPort());
        return (init ? "spec.initContainers[" : "spec.containers[") + container.getName() + "].ports[" + name + "]";
    }
}
