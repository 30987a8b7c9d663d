package eu.interlink.jvm.docker.probes;

import eu.interlink.jvm.docker.engine.Engine;
import io.fabric8.kubernetes.api.model.ContainerPort;
import java.util.List;

/**
 * The run of a container a probe or a hook acts on.
 *
 * @param engine      the sandbox's inner engine, where the run's container is
 * @param containerId the run's Docker container id
 * @param podIp       the pod's IP (its sandbox's), where {@code httpGet} and {@code tcpSocket} connect by default
 * @param ports       the container's declared ports, which named ports are resolved from
 */
public record CheckTarget(Engine engine, String containerId, String podIp, List<ContainerPort> ports) {

    public CheckTarget {
        ports = ports == null ? List.of() : List.copyOf(ports);
    }
}
