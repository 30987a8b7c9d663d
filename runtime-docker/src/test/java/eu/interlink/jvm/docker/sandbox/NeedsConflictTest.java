package eu.interlink.jvm.docker.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import eu.interlink.jvm.docker.network.IpLiteral;
import java.util.List;
import org.junit.jupiter.api.Test;

class NeedsConflictTest {

    private static final SandboxNeeds PORTS = new SandboxNeeds(null, List.of(
            new HostPort(8080, 80, "tcp", "", "spec.containers[web].ports[http]"),
            new HostPort(5353, 53, "udp", "", "spec.containers[dns].ports[53]")), List.of(),
            SandboxNeeds.NONE.resources(), List.of());

    @Test
    void theHostPortTheEngineNamesIsReportedWithTheFieldThatAskedForIt() {
        RuntimeException refusal = new RuntimeException("Status 500: {\"message\":\"driver failed programming external"
                + " connectivity on endpoint interlink-sandbox-1 (abc): Bind for 0.0.0.0:8080 failed: port is already"
                + " allocated\"}");

        assertThat(NeedsConflict.of(refusal, PORTS)).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("host port 8080/tcp (spec.containers[web].ports[http].hostPort) is already in use on this"
                        + " node, by another pod or a process of the host (the engine said: ")
                .contains("Bind for 0.0.0.0:8080 failed: port is already allocated"));
    }

    @Test
    void aTakenFixedAddressIsReportedWithTheAnnotation() {
        SandboxNeeds fixed = new SandboxNeeds(new SandboxNeeds.FixedAddress("pods",
                IpLiteral.parse("10.9.0.7").orElseThrow()), List.of(), List.of(), SandboxNeeds.NONE.resources(), List.of());

        assertThat(NeedsConflict.of(new RuntimeException("Address already in use"), fixed)).hasValue(
                "the address 10.9.0.7 (metadata.annotations[interlink.eu/pod-ip]) is already used on network pods by"
                        + " another container (the engine said: Address already in use)");
    }

    @Test
    void anyOtherRefusalIsNoConflict() {
        assertThat(NeedsConflict.of(new RuntimeException("unable to apply caps: operation not permitted"), PORTS))
                .isEmpty();
        assertThat(NeedsConflict.of(new RuntimeException("port is already allocated"), SandboxNeeds.NONE)).isEmpty();
    }
}
