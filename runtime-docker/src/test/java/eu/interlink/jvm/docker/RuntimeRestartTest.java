package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;

import eu.interlink.jvm.api.wire.CreateResponse;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A pod outlives the runtime that started it, and a runtime opened later finds it through its claim and removes it. */
class RuntimeRestartTest {

    @Test
    void aClosedRuntimeLeavesItsPodRunningAndTheNextRuntimeDeletesIt() throws IOException {
        try (RuntimeFixture fixture = RuntimeFixture.open()) {
            Pod pod = pod("survivor", shell("main", "sleep 300"));
            CreateResponse created = fixture.create(pod);
            fixture.awaitStatus(pod, status -> status.containers().get(0).getState().getRunning() != null);

            fixture.restart();

            assertThat(fixture.sandboxesOf(pod)).singleElement()
                    .satisfies(sandbox -> assertThat(sandbox.getState()).isEqualTo("running"));
            fixture.runtime.delete(pod);
            fixture.awaitNothingLeftOf(pod, created.podJid());
        }
    }
}
