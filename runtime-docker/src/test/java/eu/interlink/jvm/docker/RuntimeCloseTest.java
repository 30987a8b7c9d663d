package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.LogOptions;
import eu.interlink.jvm.api.wire.LogRequest;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the runtime's close waits for, and what it stops. */
class RuntimeCloseTest {

    @Test
    void closeLetsARemovalUnderWayFinishWithinItsGracePeriodNotJustOneCallTimeout() throws IOException {
        try (RuntimeFixture fixture = RuntimeFixture.open(Map.of("CallTimeoutSeconds", 2))) {
            Pod pod = new PodBuilder(pod("slow-to-stop",
                    shell("main", "trap 'sleep 4; exit 0' TERM; while true; do sleep 0.1; done")))
                    .editSpec().withTerminationGracePeriodSeconds(20L).endSpec().build();
            CreateResponse created = fixture.create(pod);
            fixture.awaitStatus(pod, status -> status.containers().get(0).getState().getRunning() != null);

            fixture.runtime.delete(pod);
            long closing = System.nanoTime();
            fixture.runtime.close();

            assertThat(Duration.ofNanos(System.nanoTime() - closing))
                    .as("the container had its 4 s to stop after SIGTERM").isGreaterThan(Duration.ofMillis(3500));
            fixture.assertNothingLeftOf(pod, created.podJid());
            fixture.restart();
        }
    }

    @Test
    void closeStopsEveryThreadTheRuntimeStartedWhileItsPodsKeepRunning() throws IOException {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (RuntimeFixture fixture = RuntimeFixture.open(1, Map.of())) {
            Pod pod = pod("busy", List.of(shell("init", "sleep 300")), List.of(shell("main", "true")));
            fixture.create(pod);
            fixture.awaitStatus(pod, status -> status.initContainers().get(0).getState().getRunning() != null);
            CompletableFuture<Void> followed = CompletableFuture.runAsync(() -> follow(fixture, pod));
            await().atMost(Duration.ofSeconds(10)).until(() -> !threadsStartedSince(before).isEmpty());

            fixture.runtime.close();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(threadsStartedSince(before)).isEmpty());
            assertThat(followed).succeedsWithin(Duration.ofSeconds(5));
            assertThat(fixture.sandboxesOf(pod)).singleElement()
                    .satisfies(sandbox -> assertThat(sandbox.getState()).isEqualTo("running"));
            fixture.restart();
        }
    }

    @Test
    void closeStopsTheWatchesOfRunningContainersAndThePausesBeforeRestarts() throws IOException {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (RuntimeFixture fixture = RuntimeFixture.withFirstRestartPause(Duration.ofMinutes(1))) {
            Pod pod = new PodBuilder(pod("restarting", shell("server", "sleep 300"), shell("crash", "exit 1")))
                    .editSpec().withRestartPolicy("Always").endSpec().build();
            fixture.create(pod);
            fixture.awaitStatus(pod, status -> status.containers().get(0).getState().getRunning() != null
                    && status.containers().get(1).getState().getWaiting() != null
                    && "CrashLoopBackOff".equals(status.containers().get(1).getState().getWaiting().getReason()));

            fixture.runtime.close();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(threadsStartedSince(before)).isEmpty());
            fixture.restart();
        }
    }

    private static void follow(RuntimeFixture fixture, Pod pod) {
        try {
            fixture.runtime.logs(new LogRequest("tests", pod.getMetadata().getUid(), pod.getMetadata().getName(), "init",
                    new LogOptions(0, 0, false, true, false, 0, null))).writeTo(new ByteArrayOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The runtime's threads and docker-java's stream threads, alive now and not before the test. */
    private static Set<String> threadsStartedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive())
                .map(Thread::getName)
                .filter(name -> name.startsWith("interlink-docker-") || name.startsWith("docker-java-stream-"))
                .collect(Collectors.toSet());
    }
}
