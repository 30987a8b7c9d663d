package eu.interlink.jvm.docker.sandbox;

import eu.interlink.jvm.docker.engine.DockerMessages;
import java.util.List;
import java.util.Optional;

/**
 * Tells, from the engine's refusal to start a sandbox, that one of its host ports is taken (by another pod or by
 * a process of the host), in terms of the pod: which field asked for which port.
 */
final class HostPortConflict {

    private static final List<String> TAKEN = List.of("port is already allocated", "address already in use");

    private HostPortConflict() {
    }

    /** Why the sandbox could not start, when a host port was taken; empty for any other refusal. */
    static Optional<String> of(RuntimeException refusal, List<HostPort> hostPorts) {
        String message = DockerMessages.oneLine(refusal);
        if (hostPorts.isEmpty() || TAKEN.stream().noneMatch(message::contains)) {
            return Optional.empty();
        }
        List<HostPort> named = hostPorts.stream()
                .filter(port -> message.contains(":" + port.hostPort() + " ") || message.contains(":" + port.hostPort() + ":"))
                .toList();
        List<HostPort> suspects = named.isEmpty() ? hostPorts : named;
        return Optional.of("host port " + String.join(", ", suspects.stream().map(port -> port.describe() + " ("
                + port.field() + ".hostPort)").toList()) + (suspects.size() == 1 ? " is" : " are")
                + " already in use on this node, by another pod or a process of the host (the engine said: "
                + message + ")");
    }
}
