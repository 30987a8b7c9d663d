package eu.interlink.jvm.docker.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubnetTest {

    @Test
    void anIpv4SubnetHoldsTheAddressesThatShareItsPrefix() {
        Subnet subnet = Subnet.parse("172.30.8.0/21").orElseThrow();

        assertThat(subnet.contains(IpLiteral.parse("172.30.8.1").orElseThrow())).isTrue();
        assertThat(subnet.contains(IpLiteral.parse("172.30.15.254").orElseThrow())).isTrue();
        assertThat(subnet.contains(IpLiteral.parse("172.30.16.1").orElseThrow())).isFalse();
        assertThat(subnet.contains(IpLiteral.parse("172.30.7.255").orElseThrow())).isFalse();
        assertThat(subnet).hasToString("172.30.8.0/21");
    }

    @Test
    void anIpv6SubnetHoldsNoIpv4AddressAndTheOtherWayRound() {
        Subnet v6 = Subnet.parse("fd00:1::/64").orElseThrow();
        Subnet v4 = Subnet.parse("10.0.0.0/8").orElseThrow();

        assertThat(v6.contains(IpLiteral.parse("fd00:1::42").orElseThrow())).isTrue();
        assertThat(v6.contains(IpLiteral.parse("fd00:2::42").orElseThrow())).isFalse();
        assertThat(v6.contains(IpLiteral.parse("10.0.0.1").orElseThrow())).isFalse();
        assertThat(v4.contains(IpLiteral.parse("fd00:1::42").orElseThrow())).isFalse();
    }

    @Test
    void prefixesZeroAndFullAreTheWholeSpaceAndOneAddress() {
        assertThat(Subnet.parse("0.0.0.0/0").orElseThrow().contains(IpLiteral.parse("8.8.8.8").orElseThrow())).isTrue();
        Subnet one = Subnet.parse("10.0.0.5/32").orElseThrow();
        assertThat(one.contains(IpLiteral.parse("10.0.0.5").orElseThrow())).isTrue();
        assertThat(one.contains(IpLiteral.parse("10.0.0.6").orElseThrow())).isFalse();
    }

    @Test
    void textThatIsNoCidrIsNoSubnet() {
        assertThat(Subnet.parse("10.0.0.0")).isEmpty();
        assertThat(Subnet.parse("10.0.0.0/33")).isEmpty();
        assertThat(Subnet.parse("10.0.0.0/x")).isEmpty();
        assertThat(Subnet.parse("fd00::/129")).isEmpty();
        assertThat(Subnet.parse(null)).isEmpty();
    }
}
