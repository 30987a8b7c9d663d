package eu.interlink.jvm.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Network;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A user-defined bridge network with a /24 subnet of its own on the host engine, made for a test class and removed
 * after it. Register it before the {@link SharedRuntime} that uses it, so that it is removed after the runtime's pods.
 */
final class TestNetwork implements BeforeAllCallback, AfterAllCallback {

    private static final int ATTEMPTS = 20;

    private final String name = "ilj-test-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    private String prefix;

    /** The network's name. */
    String name() {
        return name;
    }

    /** An address of the network's subnet, with this last byte (2 to 254; 1 is the gateway). */
    String address(int lastByte) {
        return prefix + lastByte;
    }

    /** An address outside the network's subnet. */
    String outsideAddress() {
        return prefix.startsWith("10.250.") ? "10.251.0.9" : "10.250.0.9";
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        try (DockerClient docker = RuntimeFixture.hostClient()) {
            DockerException last = null;
            // Other test runs on this engine may hold some subnets: try random ones until one is free.
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                String candidate = "10." + ThreadLocalRandom.current().nextInt(200, 250) + "."
                        + ThreadLocalRandom.current().nextInt(0, 256) + ".";
                try {
                    docker.createNetworkCmd().withName(name).withDriver("bridge")
                            .withLabels(Map.of("interlink-jvm.test", "network"))
                            .withIpam(new Network.Ipam().withConfig(List.of(
                                    new Network.Ipam.Config().withSubnet(candidate + "0/24"))))
                            .exec();
                    prefix = candidate;
                    return;
                } catch (DockerException e) {
                    last = e;
                }
            }
            throw new IllegalStateException("no free subnet for the test network", last);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try (DockerClient docker = RuntimeFixture.hostClient()) {
            docker.removeNetworkCmd(name).exec();
        }
    }
}
