package eu.interlink.jvm.docker.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class HostsFileTest {

    @Test
    void theFileHasTheLocalhostLinesThePodsIpAndNameThenItsHostAliases() {
        Pod pod = new PodBuilder().withNewMetadata().withName("web").endMetadata().withNewSpec()
                .addNewHostAlias().withIp("10.1.2.3").withHostnames("foo.local", "bar.local").endHostAlias()
                .endSpec().build();

        assertThat(HostsFile.of(pod, "172.17.0.5")).isEqualTo("""
                # Kubernetes-managed hosts file.
                127.0.0.1\tlocalhost
                ::1\tlocalhost ip6-localhost ip6-loopback
                fe00::0\tip6-localnet
                fe00::0\tip6-mcastprefix
                fe00::1\tip6-allnodes
                fe00::2\tip6-allrouters
                172.17.0.5\tweb

                # Entries added by HostAliases.
                10.1.2.3\tfoo.local\tbar.local
                """);
    }

    @Test
    void theHostnameIsSpecHostnameElseTheNameCutTo63CharactersAsKubeletCutsIt() {
        Pod named = new PodBuilder().withNewMetadata().withName("a".repeat(62) + "-b").endMetadata().withNewSpec()
                .endSpec().build();
        Pod withHostname = new PodBuilder(named).editSpec().withHostname("web-0").endSpec().build();

        assertThat(HostsFile.hostname(named)).isEqualTo("a".repeat(62));
        assertThat(HostsFile.hostname(withHostname)).isEqualTo("web-0");
    }

    @Test
    void withoutAKnownIpNoLineNamesThePod() {
        Pod pod = new PodBuilder().withNewMetadata().withName("web").endMetadata().withNewSpec().endSpec().build();

        assertThat(HostsFile.of(pod, "")).doesNotContain("web");
    }

    @Test
    void aHostAliasWhoseIpIsNoAddressOrWhoseNameHoldsBlanksIsRefused() {
        assertThatThrownBy(() -> HostsFile.check(new PodBuilder().withNewSpec()
                .addNewHostAlias().withIp("db").withHostnames("db.local").endHostAlias().endSpec().build().getSpec()))
                .isInstanceOf(InvalidPodException.class).hasMessage("spec.hostAliases[db].ip: 'db' is not an IP address");
        assertThatThrownBy(() -> HostsFile.check(new PodBuilder().withNewSpec()
                .addNewHostAlias().withIp("10.0.0.1").withHostnames("db\n6.6.6.6 evil").endHostAlias().endSpec().build()
                .getSpec()))
                .isInstanceOf(InvalidPodException.class).hasMessageStartingWith("spec.hostAliases[10.0.0.1].hostnames: ");
    }
}
