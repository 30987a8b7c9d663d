package eu.interlink.jvm.docker.network;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.api.runtime.RuntimeUnavailableException;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.sandbox.SandboxNeeds.FixedAddress;
import io.fabric8.kubernetes.api.model.Pod;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The address a pod asks for with the annotation {@value #ANNOTATION}, on the host network that
 * {@code Docker.PodIpNetwork} names: a user-defined network of the host engine with a subnet, which the operator
 * makes. The network's subnets are asked of the engine once, when the first pod asks for an address. Thread-safe.
 */
public final class PodIpNetwork {

    /** The pod annotation that asks for a fixed IP. */
    public static final String ANNOTATION = "interlink.eu/pod-ip";
    /** The setting that names the network. */
    public static final String SETTING = "Docker.PodIpNetwork";

    private final Engine host;
    private final String name;
    private volatile List<Subnet> subnets;

    /** @param name the network's name, or null when none is configured */
    public PodIpNetwork(Engine host, String name) {
        this.host = host;
        this.name = name;
    }

    /**
     * The address the pod asks for, on this network; empty when it asks for none.
     *
     * @throws InvalidPodException naming the annotation when its value is no IP literal or is outside the network's
     *                             subnets, or naming the setting when no network is configured or it cannot be used
     * @throws RuntimeUnavailableException when the host engine does not tell the network's subnets
     */
    public Optional<FixedAddress> requestedBy(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(ANNOTATION);
        if (value == null) {
            return Optional.empty();
        }
        InetAddress ip = IpLiteral.parse(value.strip()).orElseThrow(() -> new InvalidPodException(
                "metadata.annotations[" + ANNOTATION + "]: '" + value + "' is not an IPv4 or IPv6 address"));
        if (name == null) {
            throw new InvalidPodException("metadata.annotations[" + ANNOTATION + "]: this node gives pods fixed"
                    + " addresses only on a network named by the setting " + SETTING + ", which is not set");
        }
        List<Subnet> known = subnets();
        if (known.stream().noneMatch(subnet -> subnet.contains(ip))) {
            throw new InvalidPodException("metadata.annotations[" + ANNOTATION + "]: " + ip.getHostAddress()
                    + " is not in the subnet of network " + name + " (" + SETTING + "): "
                    + String.join(", ", known.stream().map(Subnet::toString).toList()));
        }
        return Optional.of(new FixedAddress(name, ip));
    }

    private List<Subnet> subnets() {
        List<Subnet> known = subnets;
        if (known != null) {
            return known;
        }
        Network network;
        try {
            network = host.call("inspect network " + name, client -> client.inspectNetworkCmd().withNetworkId(name).exec());
        } catch (NotFoundException e) {
            throw new InvalidPodException("metadata.annotations[" + ANNOTATION + "]: the network " + name + " ("
                    + SETTING + ") does not exist on this node's Docker engine");
        } catch (RuntimeException e) {
            throw new RuntimeUnavailableException("cannot inspect network " + name + " (" + SETTING + "): "
                    + DockerMessages.oneLine(e), e);
        }
        List<Network.Ipam.Config> configs = network.getIpam() == null || network.getIpam().getConfig() == null
                ? List.of() : network.getIpam().getConfig();
        known = configs.stream().map(Network.Ipam.Config::getSubnet).map(Subnet::parse)
                .flatMap(Optional::stream).toList();
        if (known.isEmpty()) {
            throw new InvalidPodException("metadata.annotations[" + ANNOTATION + "]: the network " + name + " ("
                    + SETTING + ") has no subnet, so no address can be fixed on it");
        }
        subnets = known;
        return known;
    }
}
