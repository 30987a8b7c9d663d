package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;

import eu.interlink.jvm.api.wire.LogOptions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A pod's name resolution, as kubelet sets it up: {@code dnsPolicy} and {@code dnsConfig} make one
 * {@code /etc/resolv.conf}, {@code hostAliases} and the pod's hostname one {@code /etc/hosts}, the same in every
 * container of the pod.
 */
class PodDnsTest {

    @RegisterExtension
    static final SharedRuntime shared = new SharedRuntime(RuntimeFixture::open);

    @Test
    void underThePolicyNoneDnsConfigAloneMakesTheResolvConfOfEveryContainer() throws IOException {
        Pod pod = new PodBuilder(pod("dns-none", shell("one", "cat /etc/resolv.conf"), shell("two", "cat /etc/resolv.conf")))
                .editSpec().withDnsPolicy("None").withNewDnsConfig()
                .withNameservers("10.0.0.10", "fd00::53")
                .withSearches("tests.svc.example", "example")
                .addNewOption().withName("ndots").withValue("2").endOption()
                .addNewOption().withName("edns0").endOption()
                .endDnsConfig().endSpec().build();

        awaitBothEnded(pod);

        String expected = """
                nameserver 10.0.0.10
                nameserver fd00::53
                search tests.svc.example example
                options ndots:2 edns0
                """;
        assertThat(logs(pod, "one")).isEqualTo(expected);
        assertThat(logs(pod, "two")).isEqualTo(expected);
    }

    @Test
    void underClusterFirstWithoutClusterDnsDnsConfigIsAddedToTheNodesResolver() throws IOException {
        Pod pod = new PodBuilder(pod("dns-added", shell("one", "cat /etc/resolv.conf"), shell("two", "cat /etc/resolv.conf")))
                .editSpec().withDnsPolicy("ClusterFirst").withNewDnsConfig()
                .withNameservers("10.0.0.10")
                .withSearches("added.example")
                .addNewOption().withName("ndots").withValue("3").endOption()
                .endDnsConfig().endSpec().build();

        awaitBothEnded(pod);

        String one = logs(pod, "one");
        assertThat(one.lines().filter(line -> line.startsWith("nameserver ")).toList())
                .hasSizeGreaterThan(1).endsWith("nameserver 10.0.0.10");
        assertThat(one.lines().filter(line -> line.startsWith("search ")).toList()).singleElement()
                .satisfies(search -> assertThat(search).endsWith(" added.example"));
        assertThat(one).contains("ndots:3");
        assertThat(logs(pod, "two")).isEqualTo(one);
    }

    @Test
    void hostAliasesAndThePodsHostnameAreInEtcHostsOfEveryContainer() throws IOException {
        Pod pod = new PodBuilder(pod("aliases", shell("one", "cat /etc/hosts; hostname"),
                shell("two", "cat /etc/hosts; hostname")))
                .editSpec().withHostname("web-0")
                .addNewHostAlias().withIp("10.1.2.3").withHostnames("foo.local", "bar.local").endHostAlias()
                .addNewHostAlias().withIp("fd00::1").withHostnames("v6.local").endHostAlias()
                .endSpec().build();

        awaitBothEnded(pod);

        String one = logs(pod, "one");
        assertThat(one).startsWith("# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n")
                .contains("\n# Entries added by HostAliases.\n10.1.2.3\tfoo.local\tbar.local\nfd00::1\tv6.local\n")
                .containsPattern("\n\\d+\\.\\d+\\.\\d+\\.\\d+\tweb-0\n")
                .endsWith("\nweb-0\n");
        assertThat(logs(pod, "two")).isEqualTo(one);
    }

    private static void awaitBothEnded(Pod pod) {
        shared.fixture().create(pod);
        shared.fixture().awaitStatus(pod, status -> status.containers().stream()
                .allMatch(container -> container.getState().getTerminated() != null));
    }

    private static String logs(Pod pod, String container) throws IOException {
        return shared.fixture().logs(pod, container, LogOptions.DEFAULTS);
    }
}
