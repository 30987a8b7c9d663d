package eu.interlink.jvm.docker.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class IpLiteralTest {

    @Test
    void dottedDecimalAndIpv6LiteralsAreAddresses() {
        assertThat(IpLiteral.parse("10.1.2.3")).map(InetAddress::getHostAddress).hasValue("10.1.2.3");
        assertThat(IpLiteral.parse("0.0.0.0")).isPresent();
        assertThat(IpLiteral.parse("255.255.255.255")).isPresent();
        assertThat(IpLiteral.parse("fd00::7")).map(InetAddress::getHostAddress).hasValue("fd00:0:0:0:0:0:0:7");
        assertThat(IpLiteral.parse("::1")).isPresent();
        assertThat(IpLiteral.parse("2001:db8::10.1.2.3")).isPresent();
    }

    @Test
    void anythingElseIsNoAddressAndNoNameIsLookedUp() {
        assertThat(IpLiteral.parse("10.0.0.300")).isEmpty();
        assertThat(IpLiteral.parse("10.0.0")).isEmpty();
        assertThat(IpLiteral.parse("010.0.0.1")).isEmpty();
        assertThat(IpLiteral.parse("10.0.0.1 ")).isEmpty();
        assertThat(IpLiteral.parse("localhost")).isEmpty();
        assertThat(IpLiteral.parse("example.org")).isEmpty();
        assertThat(IpLiteral.parse("fd00::zz")).isEmpty();
        assertThat(IpLiteral.parse("[fd00::1]")).isEmpty();
        assertThat(IpLiteral.parse("fe80::1%eth0")).isEmpty();
        assertThat(IpLiteral.parse("1:2:3:4:5:6:7:8:9")).isEmpty();
        assertThat(IpLiteral.parse("")).isEmpty();
        assertThat(IpLiteral.parse(null)).isEmpty();
    }
}
