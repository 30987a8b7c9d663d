package eu.interlink.jvm.docker.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryFlagsTest {

    @Test
    void eachMirrorAndEachInsecureRegistryIsOneDockerdArgumentInTheConfiguredOrder() {
        RegistryFlags flags = new RegistryFlags(List.of("https://b.example", "http://a.example:5000/"),
                List.of("registry.internal:5000", "10.0.0.0/8"));

        assertThat(flags.dockerdArguments()).containsExactly(
                "--registry-mirror=https://b.example",
                "--registry-mirror=http://a.example:5000/",
                "--insecure-registry=registry.internal:5000",
                "--insecure-registry=10.0.0.0/8");
    }

    @Test
    void noValuesAddNoArgument() {
        assertThat(new RegistryFlags(List.of(), List.of()).dockerdArguments()).isEmpty();
    }

    @Test
    void valuesDockerdWouldRefuseNeverGetIn() {
        assertThatThrownBy(() -> new RegistryFlags(List.of("https://robot:s3cret@mirror.example"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a registry mirror URL: https://***@mirror.example");
        assertThatThrownBy(() -> new RegistryFlags(List.of(), List.of("https://registry.internal")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a host, host:port or CIDR range: https://registry.internal");
    }
}
