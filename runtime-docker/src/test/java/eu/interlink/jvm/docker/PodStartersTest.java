package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;

import eu.interlink.jvm.api.wire.CreateResponse;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pods start at most {@code Docker.PodStarters} at once; the others wait in turn, and say so. */
class PodStartersTest {

    @Test
    void aPodWaitsForAFreeStarterAndStartsOnceOneIsFree() throws IOException {
        try (RuntimeFixture fixture = RuntimeFixture.open(Map.of("PodStarters", 1))) {
            Pod busy = pod("busy", List.of(shell("init", "sleep 300")), List.of(shell("main", "true")));
            CreateResponse started = fixture.create(busy);
            fixture.awaitStatus(busy, status -> status.initContainers().get(0).getState().getRunning() != null);

            Pod next = pod("next", shell("main", "sleep 300"));
            fixture.create(next);
            Pod deletedWhileWaiting = pod("impatient", shell("main", "sleep 300"));
            CreateResponse impatient = fixture.create(deletedWhileWaiting);

            assertThat(fixture.status(next).containers()).singleElement().satisfies(container -> {
                ContainerStateWaiting waiting = container.getState().getWaiting();
                assertThat(waiting.getReason()).isEqualTo("ContainerCreating");
                assertThat(waiting.getMessage()).isEqualTo("waiting for a free starter");
            });
            fixture.runtime.delete(deletedWhileWaiting);
            fixture.runtime.delete(busy);

            fixture.awaitStatus(next, status -> status.containers().get(0).getState().getRunning() != null);
            fixture.awaitNothingLeftOf(deletedWhileWaiting, impatient.podJid());
            fixture.awaitNothingLeftOf(busy, started.podJid());
        }
    }
}
