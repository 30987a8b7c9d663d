package eu.interlink.jvm.host.run;

import static eu.interlink.jvm.host.run.ScriptedBackend.pod;
import static eu.interlink.jvm.host.run.ScriptedBackend.running;
import static eu.interlink.jvm.host.run.ScriptedBackend.status;
import static eu.interlink.jvm.host.run.ScriptedBackend.terminated;
import static eu.interlink.jvm.host.run.ScriptedBackend.waiting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.interlink.jvm.api.wire.ContainerReasons;
import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.PodPhase;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The run loop, isolated from any plugin by a scripted backend. */
class PodRunTest {

    private static final Duration POLL = Duration.ofMillis(5);
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final List<String> told = new CopyOnWriteArrayList<>();
    private final RunListener listener = new RunListener() {
        @Override
        public void created(CreateResponse response) {
            told.add("created " + response.podJid());
        }

        @Override
        public void statusChanged(PodStatus status) {
            told.add("status " + ContainerLines.of(status));
        }

        @Override
        public void statusFailed(String message) {
            told.add("status failed: " + message);
        }

        @Override
        public void logLine(String container, String line) {
            told.add(container + " | " + line);
        }

        @Override
        public void logFailed(String container, String message) {
            told.add(container + " failed: " + message);
        }
    };

    @Test
    void followsThePodToItsEndTellingEachChangeOnceAndItsLog() throws InterruptedException {
        ScriptedBackend backend = new ScriptedBackend(List.of(
                status(List.of(), waiting("main", "ContainerCreating", "building sandbox")),
                status(List.of(), waiting("main", "ContainerCreating", "building sandbox")),
                status(List.of(), running("main")),
                status(List.of(), terminated("main", 0))));
        backend.logs.put("main", "hello\nworld");

        RunResult result = new PodRun(backend, listener, POLL, PATIENCE).run(new RetrievedPodData(pod(), List.of()),
                Duration.ofSeconds(10));

        assertThat(result.phase()).isEqualTo(PodPhase.SUCCEEDED);
        assertThat(result.exitCode()).isZero();
        assertThat(told).containsSubsequence("created job-1",
                "status {main=waiting (ContainerCreating: building sandbox)}", "status {main=running, ready}",
                "status {main=terminated with exit code 0 (Completed)}");
        assertThat(told).filteredOn(line -> line.startsWith("status")).hasSize(3);
        assertThat(told).containsSubsequence("main | hello", "main | world");
        assertThat(backend.logRequests).singleElement().satisfies(request -> {
            assertThat(request.options().follow()).isTrue();
            assertThat(request.podUid()).isEqualTo("u-1");
        });
        assertThat(backend.statusRequests).allSatisfy(pod ->
                assertThat(pod.getMetadata().getAnnotations()).containsEntry("JobID", "job-1"));
        assertThat(backend.deleted).as("the caller deletes, not the run").isEmpty();
    }

    @Test
    void followsAContainerThatRunsButWaitsForItsProbes() throws InterruptedException {
        ScriptedBackend backend = new ScriptedBackend(List.of(
                status(List.of(), waiting("main", ContainerReasons.PROBES_PENDING, "waiting for its readiness probe")),
                status(List.of(), terminated("main", 0))));
        backend.logs.put("main", "early line\n");

        new PodRun(backend, listener, Duration.ofMillis(200), PATIENCE).run(new RetrievedPodData(pod(), List.of()),
                Duration.ofSeconds(10));

        assertThat(told).contains("main | early line");
        assertThat(backend.logRequests).hasSize(1);
    }

    @Test
    void tellsTheInitContainersLogsBeforeTheRegularContainersEvenWhenOneStatusShowsThemAllStarted()
            throws InterruptedException {
        ScriptedBackend backend = new ScriptedBackend(List.of(
                status(List.of(terminated("first", 0), terminated("second", 0)), running("main")),
                status(List.of(terminated("first", 0), terminated("second", 0)), terminated("main", 0))));
        backend.logs.put("first", "one\n");
        backend.logs.put("second", "two\n");
        backend.logs.put("main", "three\n");

        new PodRun(backend, listener, POLL, PATIENCE).run(new RetrievedPodData(pod(), List.of()), Duration.ofSeconds(10));

        assertThat(told).filteredOn(line -> line.contains(" | ")).containsExactly(
                "first | one", "second | two", "main | three");
    }

    @Test
    void asksAgainWhenAStatusRequestFailsTellingTheFailureOnce() throws InterruptedException {
        ScriptedBackend backend = new ScriptedBackend(Arrays.asList(
                status(List.of(), running("main")), null, null,
                status(List.of(), terminated("main", 0))));

        RunResult result = new PodRun(backend, listener, POLL, PATIENCE).run(new RetrievedPodData(pod(), List.of()),
                Duration.ofSeconds(10));

        assertThat(result.phase()).isEqualTo(PodPhase.SUCCEEDED);
        assertThat(told).filteredOn(line -> line.startsWith("status failed"))
                .containsExactly("status failed: " + ScriptedBackend.STATUS_FAILURE);
    }

    @Test
    void givesUpWithTheStatusFailureOnceItsPatienceIsOver() {
        ScriptedBackend backend = new ScriptedBackend(Arrays.asList(status(List.of(), running("main")), null));

        assertThatThrownBy(() -> new PodRun(backend, listener, POLL, Duration.ofMillis(50))
                .run(new RetrievedPodData(pod(), List.of()), Duration.ofSeconds(10)))
                .hasMessage(ScriptedBackend.STATUS_FAILURE);
        assertThatThrownBy(() -> new PodRun(backend, listener, POLL, Duration.ofSeconds(10))
                .run(new RetrievedPodData(pod(), List.of()), Duration.ofMillis(50)))
                .isInstanceOf(RunTimeoutException.class)
                .hasMessageEndingWith("; the last status request failed: " + ScriptedBackend.STATUS_FAILURE);
    }

    @Test
    void readsTheLogOfARunThatEndedBeforeItWasSeenOnceAndKnowsTheJobId() throws InterruptedException {
        ContainerStatus crashLooping = new ContainerStatusBuilder(
                waiting("main", "CrashLoopBackOff", "back-off 10s restarting failed container"))
                .withRestartCount(1)
                .withNewLastState().withNewTerminated().withExitCode(1).withContainerID("docker://first")
                .endTerminated().endLastState()
                .build();
        ContainerStatus runningAgain = new ContainerStatusBuilder(running("main")).withContainerID("docker://second")
                .withRestartCount(1).withLastState(crashLooping.getLastState()).build();
        ScriptedBackend backend = new ScriptedBackend(List.of(status(List.of(), crashLooping),
                status(List.of(), runningAgain), status(List.of(), new ContainerStatusBuilder(terminated("main", 0))
                        .withContainerID("docker://second").withRestartCount(1).build())));
        backend.logs.put("main", "the first run's line\n");
        PodRun podRun = new PodRun(backend, listener, POLL, PATIENCE);

        podRun.run(new RetrievedPodData(pod(), List.of()), Duration.ofSeconds(10));

        assertThat(backend.logRequests).as("the first run's log while it is the latest, then the second run's")
                .extracting(request -> request.options().previous() + "/" + request.options().follow())
                .containsExactly("false/false", "false/true");
        assertThat(told).contains("main | the first run's line");
        assertThat(podRun.knownPod().getMetadata().getAnnotations()).containsEntry("JobID", "job-1");
    }

    @Test
    void answersTheFirstFailedContainersExitCodeInitContainersFirst() throws InterruptedException {
        ScriptedBackend backend = new ScriptedBackend(List.of(
                status(List.of(terminated("setup", 5)), terminated("main", 1))));

        RunResult result = new PodRun(backend, listener, POLL, PATIENCE).run(new RetrievedPodData(pod(), List.of()),
                Duration.ofSeconds(10));

        assertThat(result.phase()).isEqualTo(PodPhase.FAILED);
        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.failedContainer()).get().satisfies(c -> assertThat(c.getName()).isEqualTo("setup"));
    }

    @Test
    void givesUpAfterItsTimeoutSayingWhatEachContainerDoes() {
        ScriptedBackend backend = new ScriptedBackend(List.of(
                status(List.of(), waiting("main", "ContainerCreating", "waiting for image busybox"))));

        assertThatThrownBy(() -> new PodRun(backend, listener, POLL, PATIENCE).run(new RetrievedPodData(pod(), List.of()),
                Duration.ofMillis(100)))
                .isInstanceOf(RunTimeoutException.class)
                .hasMessageContaining("did not end within")
                .hasMessageContaining("main=waiting (ContainerCreating: waiting for image busybox)");
    }
}
