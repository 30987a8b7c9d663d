package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;

import eu.interlink.jvm.api.wire.LogOptions;
import eu.interlink.jvm.api.wire.LogRequest;
import eu.interlink.jvm.api.wire.PodStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A pod's containers share one network namespace, as in Kubernetes: they reach each other on localhost. */
class SharedNetworkTest {

    private static RuntimeFixture fixture;

    @BeforeAll
    static void openRuntime() throws IOException {
        fixture = RuntimeFixture.open();
    }

    @AfterAll
    static void closeRuntime() throws IOException {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void twoContainersOfAPodTalkOverLocalhost() throws IOException {
        Pod pod = pod("localhost",
                shell("server", "echo hello over localhost | nc -l -p 8080"),
                shell("client", "until nc 127.0.0.1 8080; do sleep 0.2; done"));

        fixture.create(pod);

        PodStatus done = fixture.awaitStatus(pod, status -> status.containers().stream()
                .allMatch(container -> container.getState().getTerminated() != null));
        assertThat(done.containers()).allSatisfy(container ->
                assertThat(container.getState().getTerminated().getExitCode()).isZero());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fixture.runtime.logs(new LogRequest("tests", pod.getMetadata().getUid(), pod.getMetadata().getName(), "client",
                LogOptions.DEFAULTS)).writeTo(out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hello over localhost\n");
    }
}
