package eu.interlink.jvm.docker.sandbox;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.NetworkSettings;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.engine.Labels;
import java.util.Map;

/**
 * The host network sandboxes join ({@code Docker.DindNetwork}): the engine's default {@code bridge}, or a bridge
 * network of the operator's, made (and labelled as the runtime's) the first time a sandbox needs it when it does
 * not exist yet. The runtime never removes it: other sandboxes, or the operator's own containers, may use it.
 * Thread-safe.
 */
public final class SandboxNetwork {

    /** The engine's default network. */
    public static final String DEFAULT = "bridge";

    private final Engine host;
    private final String name;
    private volatile boolean present;

    /** @param name the network's name, checked by the settings */
    public SandboxNetwork(Engine host, String name) {
        this.host = host;
        this.name = name;
        this.present = DEFAULT.equals(name);
    }

    /** The network's name, as a container's network mode. */
    public String name() {
        return name;
    }

    /** Makes the network, a bridge, unless it exists; a concurrent creation by another runtime is fine. */
    public void ensure() {
        if (present) {
            return;
        }
        synchronized (this) {
            if (!present) {
                try {
                    host.call("inspect network " + name, client -> client.inspectNetworkCmd().withNetworkId(name).exec());
                } catch (NotFoundException e) {
                    create();
                }
                present = true;
            }
        }
    }

    private void create() {
        try {
            host.call("create network " + name, client -> client.createNetworkCmd().withName(name)
                    .withDriver("bridge").withCheckDuplicate(true)
                    .withLabels(Map.of(Labels.ROLE, Labels.ROLE_SANDBOX_NETWORK)).exec());
        } catch (ConflictException e) {
            // Another runtime made it in the meantime: it exists, which is all that matters.
        }
    }

    /**
     * The sandbox's address and gateway on the network of this name, from its container's inspection; empty ones when
     * absent.
     */
    static ContainerNetwork addressIn(String networkName, NetworkSettings settings) {
        Map<String, ContainerNetwork> networks = settings == null ? null : settings.getNetworks();
        ContainerNetwork network = networks == null ? null : networks.get(networkName);
        return network == null ? new ContainerNetwork() : network;
    }
}
