package eu.interlink.jvm.docker.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostPortConflictTest {

    private static final List<HostPort> PORTS = List.of(
            new HostPort(8080, 80, "tcp", "", "spec.containers[web].ports[http]"),
            new HostPort(5353, 53, "udp", "", "spec.containers[dns].ports[53]"));

    @Test
    void thePortTheEngineNamesIsReportedWithTheFieldThatAskedForIt() {
        RuntimeException refusal = new RuntimeException("Status 500: {\"message\":\"driver failed programming external"
                + " connectivity on endpoint interlink-sandbox-1 (abc): Bind for 0.0.0.0:8080 failed: port is already"
                + " allocated\"}");

        assertThat(HostPortConflict.of(refusal, PORTS)).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("host port 8080/tcp (spec.containers[web].ports[http].hostPort) is already in use on this"
                        + " node, by another pod or a process of the host (the engine said: ")
                .contains("Bind for 0.0.0.0:8080 failed: port is already allocated"));
    }

    @Test
    void anyOtherRefusalIsNoConflict() {
        assertThat(HostPortConflict.of(new RuntimeException("unable to apply caps: operation not permitted"), PORTS))
                .isEmpty();
        assertThat(HostPortConflict.of(new RuntimeException("port is already allocated"), List.of())).isEmpty();
    }
}
