package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;

import eu.interlink.jvm.api.wire.LogOptions;
import eu.interlink.jvm.api.wire.PodStatus;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a pod's containers share and get, as in Kubernetes: one network namespace (they reach each other on
 * localhost), and a terminal and an open standard input when they ask for them.
 */
class SharedNetworkTest {

    @RegisterExtension
    static final SharedRuntime shared = new SharedRuntime(RuntimeFixture::open);

    @Test
    void twoContainersOfAPodTalkOverLocalhost() throws IOException {
        Pod pod = pod("localhost",
                shell("server", "echo hello over localhost | nc -l -p 8080"),
                shell("client", "until nc 127.0.0.1 8080; do sleep 0.2; done"));

        shared.fixture().create(pod);

        PodStatus done = shared.fixture().awaitStatus(pod, status -> status.containers().stream()
                .allMatch(container -> container.getState().getTerminated() != null));
        assertThat(done.containers()).allSatisfy(container ->
                assertThat(container.getState().getTerminated().getExitCode()).isZero());
        assertThat(shared.fixture().logs(pod, "client", LogOptions.DEFAULTS)).isEqualTo("hello over localhost\n");
    }

    @Test
    void aContainerGetsATerminalAndAnOpenStandardInputWhenItAsks() throws IOException {
        Pod pod = pod("tty", new ContainerBuilder(shell("asks", "test -t 1 && echo terminal; readlink /proc/self/fd/0"))
                .withTty(true).withStdin(true).build(),
                shell("plain", "test -t 1 || echo no terminal; readlink /proc/self/fd/0"));

        shared.fixture().create(pod);

        shared.fixture().awaitStatus(pod, status -> status.containers().stream()
                .allMatch(container -> container.getState().getTerminated() != null));
        assertThat(shared.fixture().logs(pod, "asks", LogOptions.DEFAULTS)).startsWith("terminal\r\n/dev/pts/");
        assertThat(shared.fixture().logs(pod, "plain", LogOptions.DEFAULTS)).isEqualTo("no terminal\n/dev/null\n");
    }
}
