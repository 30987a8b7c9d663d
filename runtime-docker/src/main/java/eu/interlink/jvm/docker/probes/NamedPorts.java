package eu.interlink.jvm.docker.probes;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;

/** Resolves the port of an {@code httpGet} or {@code tcpSocket} action: a number, or the name of a container port. */
final class NamedPorts {

    private static final int HIGHEST_PORT = 65535;

    private NamedPorts() {
    }

    /**
     * The port number.
     *
     * @throws IllegalArgumentException when there is none, it is out of range, or no container port has the name
     */
    static int resolve(IntOrString port, List<ContainerPort> ports) {
        if (port == null || port.getIntVal() == null && (port.getStrVal() == null || port.getStrVal().isBlank())) {
            throw new IllegalArgumentException("required");
        }
        int number = port.getIntVal() != null ? port.getIntVal() : named(port.getStrVal(), ports);
        if (number < 1 || number > HIGHEST_PORT) {
            throw new IllegalArgumentException(number + " is not a port number (1-65535)");
        }
        return number;
    }

    private static int named(String name, List<ContainerPort> ports) {
        if (name.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(name);
        }
        return ports.stream().filter(port -> name.equals(port.getName()) && port.getContainerPort() != null)
                .mapToInt(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no port of the container is named '" + name + "'"));
    }
}
