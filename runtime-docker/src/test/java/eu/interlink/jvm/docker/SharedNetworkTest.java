package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;

import eu.interlink.jvm.api.wire.LogOptions;
import eu.interlink.jvm.api.wire.PodStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A pod's containers share one network namespace, as in Kubernetes: they reach each other on localhost. */
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
}
