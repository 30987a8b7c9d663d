package eu.interlink.jvm.docker.sandbox;

import eu.interlink.jvm.docker.engine.DockerMessages;
import java.util.List;
import java.util.Optional;

/**
 * Tells, from the engine's refusal to start a sandbox built for a pod, that what the pod needs is taken: one of its
 * host ports (by another pod or a process of the host), or its fixed address (by another container on that
 * network); said in terms of the pod, naming the field that asked for it.
 */
final class NeedsConflict {

    private static final List<String> PORT_TAKEN = List.of("port is already allocated", "address already in use");
    /** The engine's whole answer when an address of a network is taken; a port's bind error is in lower case. */
    private static final String ADDRESS_TAKEN = "Address already in use";
    private static final String POD_IP_FIELD = "metadata.annotations[interlink.eu/pod-ip]";

    private NeedsConflict() {
    }

    /** Why the sandbox could not start, when something it needs is taken; empty for any other refusal. */
    static Optional<String> of(RuntimeException refusal, SandboxNeeds needs) {
        String message = DockerMessages.oneLine(refusal);
        if (needs.address() != null && message.contains(ADDRESS_TAKEN)) {
            return Optional.of("the address " + needs.address().ip().getHostAddress() + " (" + POD_IP_FIELD
                    + ") is already used on network " + needs.address().network() + " by another container (the engine"
                    + " said: " + message + ")");
        }
        List<HostPort> hostPorts = needs.hostPorts();
        if (hostPorts.isEmpty() || PORT_TAKEN.stream().noneMatch(message::contains)) {
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
