package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import eu.interlink.jvm.api.wire.PodStatus;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pods that run hold no thread of their own: every pod's event stream is read by the same few non-blocking threads,
 * where docker-java would block a thread per stream for as long as the pod lives.
 */
class ThreadUseTest {

    private static final int PODS = 6;
    /** Well within the 30 s between two reconciles: only the sandbox's events can tell the runtime so soon. */
    private static final Duration EVENT_TIME = Duration.ofSeconds(10);

    @Test
    void runningPodsLeaveNoStreamThreadAndTheirEventsStillArrive() throws IOException {
        try (RuntimeFixture fixture = RuntimeFixture.open()) {
            List<Pod> pods = new ArrayList<>();
            List<String> sandboxes = new ArrayList<>();
            for (int i = 0; i < PODS; i++) {
                Pod pod = pod("threads-" + i, shell("main", "sleep 3600"));
                pods.add(pod);
                sandboxes.add(fixture.create(pod).podJid());
            }
            pods.forEach(pod -> fixture.awaitStatus(pod, status -> stateOf(status).getRunning() != null));

            assertThat(threadNames()).noneMatch(name -> name.startsWith("docker-java-stream"));
            assertThat(threadNames()).filteredOn(name -> name.startsWith("interlink-docker-event-io")).hasSizeLessThan(9);

            Pod last = pods.get(PODS - 1);
            String containerId = fixture.status(last).containers().get(0).getContainerID().substring("docker://".length());
            try (DockerClient inner = fixture.innerEngine(sandboxes.get(PODS - 1))) {
                inner.killContainerCmd(containerId).exec();
            }
            PodStatus ended = await().atMost(EVENT_TIME).pollInterval(Duration.ofMillis(100))
                    .until(() -> fixture.status(last), status -> stateOf(status).getTerminated() != null);
            assertThat(stateOf(ended).getTerminated().getExitCode()).isEqualTo(137);
        }
    }

    private static List<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName).toList();
    }

    private static ContainerState stateOf(PodStatus status) {
        return status.containers().get(0).getState();
    }
}
