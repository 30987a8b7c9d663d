package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.podOf;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.LogOptions;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import eu.interlink.jvm.api.wire.WireFormat;
import eu.interlink.jvm.docker.engine.Labels;
import eu.interlink.jvm.docker.recovery.PodJournal;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A runtime that stops, closed or killed, loses no pod: the next one on the same {@code DataRootFolder} knows every
 * pod again from its journal and the labels of Docker's objects (same JID, same states, same restart counts, the same
 * runs rather than new ones), goes on with starts where they stopped, counts active deadlines from the first
 * acceptance, finishes removals that were under way, and removes what no pod owns. The runtime's close does nothing
 * for this that a kill would not do, so closing it stands for a crash here; {@code CrashRecoveryIT} kills the plugin.
 */
class CrashRecoveryTest {

    private static final Predicate<ContainerStatus> RUNNING = container -> container.getState().getRunning() != null;

    @Test
    void aRunningPodKeepsItsRunsRestartCountsAndLogsAndTheNextRuntimeDeletesIt() throws IOException {
        try (RuntimeFixture fixture = RuntimeFixture.withFirstRestartPause(Duration.ofSeconds(1))) {
            Pod pod = podOf("survivor", """
                    restartPolicy: OnFailure
                    terminationGracePeriodSeconds: 2
                    volumes: [{name: data, emptyDir: {}}]
                    containers:
                    - name: server
                      image: interlink-jvm/busybox:local
                      command: [sh, -c, 'echo serving; exec sleep 300']
                    - name: flaky
                      image: interlink-jvm/busybox:local
                      volumeMounts: [{name: data, mountPath: /data}]
                      command: [sh, -c, 'echo run; [ -f /data/once ] && exec sleep 300; touch /data/once; exit 3']
                    """);
            CreateResponse created = fixture.create(pod);
            PodStatus before = fixture.awaitStatus(pod, status -> status.containers().stream().allMatch(RUNNING)
                    && status.containers().get(1).getRestartCount() == 1);

            fixture.restart();

            PodStatus after = fixture.awaitStatus(pod, status -> status.containers().stream().allMatch(RUNNING));
            assertThat(after.jid()).isEqualTo(created.podJid());
            for (int index = 0; index < 2; index++) {
                ContainerStatus was = before.containers().get(index);
                ContainerStatus is = after.containers().get(index);
                assertThat(is.getRestartCount()).as(is.getName()).isEqualTo(was.getRestartCount());
                assertThat(is.getContainerID()).as(is.getName()).isEqualTo(was.getContainerID());
                assertThat(is.getState().getRunning().getStartedAt()).as(is.getName())
                        .isEqualTo(was.getState().getRunning().getStartedAt());
            }
            assertThat(after.containers().get(1).getLastState().getTerminated().getExitCode()).isEqualTo(3);
            assertThat(fixture.logs(pod, "server", LogOptions.DEFAULTS)).isEqualTo("serving\n");
            assertThat(fixture.logs(pod, "flaky", new LogOptions(0, 0, false, false, true, 0, null))).isEqualTo("run\n");

            fixture.runtime.delete(pod);
            fixture.awaitNothingLeftOf(pod, created.podJid());
        }
    }

    @Test
    void aPodHalfWayThroughItsInitContainersGoesOnFromTheOneThatRan() throws IOException {
        try (RuntimeFixture fixture = RuntimeFixture.open()) {
            Pod pod = podOf("initializing", """
                    restartPolicy: Never
                    terminationGracePeriodSeconds: 2
                    volumes: [{name: data, emptyDir: {}}]
                    initContainers:
                    - name: first
                      image: interlink-jvm/busybox:local
                      volumeMounts: [{name: data, mountPath: /data}]
                      command: [sh, -c, 'echo first >> /data/trace']
                    - name: second
                      image: interlink-jvm/busybox:local
                      volumeMounts: [{name: data, mountPath: /data}]
                      command: [sh, -c, 'echo second >> /data/trace; sleep 2']
                    containers:
                    - name: main
                      image: interlink-jvm/busybox:local
                      volumeMounts: [{name: data, mountPath: /data}]
                      command: [sh, -c, 'cat /data/trace; exec sleep 300']
                    """);
            fixture.create(pod);
            fixture.awaitStatus(pod, status -> RUNNING.test(status.initContainers().get(1)));

            fixture.restart();

            fixture.awaitStatus(pod, status -> RUNNING.test(status.containers().get(0)));
            assertThat(fixture.logs(pod, "main", LogOptions.DEFAULTS)).isEqualTo("first\nsecond\n");
        }
    }

    @Test
    void anActiveDeadlineCountsFromTheFirstAcceptanceNotFromTheRestart() throws IOException {
        try (RuntimeFixture fixture = RuntimeFixture.open()) {
            Pod pod = new PodBuilder(pod("bounded", shell("main", "exec sleep 300")))
                    .editSpec().withActiveDeadlineSeconds(8L).endSpec().build();
            Instant accepted = Instant.now();
            fixture.create(pod);
            fixture.awaitStatus(pod, status -> RUNNING.test(status.containers().get(0)));
            fixture.runtime.close();
            await().atMost(Duration.ofSeconds(20)).until(() -> Instant.now().isAfter(accepted.plusSeconds(8)));

            fixture.restart();

            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    assertThat(fixture.status(pod).containers().get(0).getState().getTerminated())
                            .satisfies(ended -> assertThat(ended.getReason()).isEqualTo("DeadlineExceeded")));
        }
    }

    @Test
    void aPodWhoseDeleteWasTakenBeforeTheStopIsRemovedByTheNextRuntimeAndStaysDeleted() throws IOException {
        try (RuntimeFixture fixture = RuntimeFixture.open()) {
            Pod pod = pod("deleted", shell("main", "exec sleep 300"));
            CreateResponse created = fixture.create(pod);
            fixture.awaitStatus(pod, status -> RUNNING.test(status.containers().get(0)));
            fixture.runtime.close();
            new PodJournal(fixture.dataRoot, new WireFormat())
                    .deleted(pod.getMetadata().getUid(), Duration.ZERO, Instant.now());

            fixture.restart();

            fixture.awaitNothingLeftOf(pod, created.podJid());
            assertThat(fixture.dataRoot.resolve("pods")).isEmptyDirectory();
            assertThatThrownBy(() -> fixture.runtime.create(new RetrievedPodData(pod, null)))
                    .isInstanceOf(InvalidPodException.class).hasMessageContaining("was deleted");
        }
    }

    @Test
    void whatNoPodOwnsIsRemovedWhileOwnedSandboxesStay() throws IOException {
        try (RuntimeFixture fixture = RuntimeFixture.open()) {
            Pod kept = pod("kept", shell("main", "exec sleep 300"));
            Pod forgotten = pod("forgotten", shell("main", "exec sleep 300"));
            CreateResponse keptCreated = fixture.create(kept);
            CreateResponse forgottenCreated = fixture.create(forgotten);
            fixture.awaitStatus(kept, status -> RUNNING.test(status.containers().get(0)));
            fixture.awaitStatus(forgotten, status -> RUNNING.test(status.containers().get(0)));
            fixture.runtime.close();
            Files.delete(fixture.dataRoot.resolve("pods").resolve(forgotten.getMetadata().getUid() + ".json"));
            Path strayFolder = Files.createDirectories(fixture.dataRoot.resolve("sandboxes").resolve("stray"));
            String strayVolume = "ilj-test-stray-" + UUID.randomUUID();
            fixture.docker.createVolumeCmd().withName(strayVolume).withLabels(Map.of(Labels.SANDBOX_ID, "stray-volume",
                    Labels.DATA_ROOT, fixture.dataRoot.toString())).exec();

            fixture.restart();

            fixture.awaitNothingLeftOf(forgotten, forgottenCreated.podJid());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(strayFolder).doesNotExist();
                assertThat(fixture.volumesLabelled(Labels.SANDBOX_ID, "stray-volume")).isEmpty();
            });
            PodStatus survivor = fixture.awaitStatus(kept, status -> RUNNING.test(status.containers().get(0)));
            assertThat(survivor.jid()).isEqualTo(keptCreated.podJid());
        }
    }

    @Test
    void aPodWhoseJournalFileIsDamagedKeepsItsSandboxUntilItsDelete() throws IOException {
        try (RuntimeFixture fixture = RuntimeFixture.open()) {
            Pod pod = pod("damaged", shell("main", "exec sleep 300"));
            CreateResponse created = fixture.create(pod);
            fixture.awaitStatus(pod, status -> RUNNING.test(status.containers().get(0)));
            fixture.runtime.close();
            Files.writeString(fixture.dataRoot.resolve("pods").resolve(pod.getMetadata().getUid() + ".json"), "{\"sand");
            Path strayFolder = Files.createDirectories(fixture.dataRoot.resolve("sandboxes").resolve("stray"));

            fixture.restart();
            await("the removal of what no pod owns").atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(strayFolder));

            assertThat(fixture.sandboxesOf(pod)).singleElement()
                    .satisfies(sandbox -> assertThat(sandbox.getState()).isEqualTo("running"));
            fixture.runtime.delete(pod);
            fixture.awaitNothingLeftOf(pod, created.podJid());
            assertThat(fixture.dataRoot.resolve("pods")).isEmptyDirectory();
        }
    }

    @Test
    void aPodThatFailedBeforeAnyContainerStaysFailedAndIsNotStartedAgain() throws IOException {
        try (RuntimeFixture fixture = RuntimeFixture.open(Map.of("AllowHostPath", true))) {
            Pod pod = podOf("missing-folder", """
                    restartPolicy: Never
                    volumes: [{name: data, hostPath: {path: /nonexistent-ilj-folder, type: Directory}}]
                    containers:
                    - name: main
                      image: interlink-jvm/busybox:local
                      volumeMounts: [{name: data, mountPath: /data}]
                      command: [sh, -c, 'true']
                    """);
            fixture.create(pod);
            String reason = fixture.awaitStatus(pod, status -> status.containers().get(0).getState()
                    .getTerminated() != null).containers().get(0).getState().getTerminated().getReason();

            fixture.restart();

            assertThat(fixture.status(pod).containers().get(0).getState().getTerminated())
                    .as("at once after the restart").isNotNull()
                    .satisfies(ended -> assertThat(ended.getReason()).isEqualTo(reason));
        }
    }

    @Test
    void aPodAcceptedButNotYetClaimedIsStartedByTheNextRuntime() throws IOException {
        try (RuntimeFixture fixture = RuntimeFixture.open()) {
            fixture.runtime.close();
            Pod pod = pod("accepted", shell("main", "echo hello; exec sleep 300"));
            String sandboxId = UUID.randomUUID().toString().replace("-", "");
            new PodJournal(fixture.dataRoot, new WireFormat())
                    .accepted(new RetrievedPodData(pod, null), sandboxId, Instant.now());

            fixture.restart();

            PodStatus running = fixture.awaitStatus(pod, status -> RUNNING.test(status.containers().get(0)));
            assertThat(running.jid()).isEqualTo(sandboxId);
            assertThat(fixture.logs(pod, "main", LogOptions.DEFAULTS)).isEqualTo("hello\n");
            fixture.runtime.delete(pod);
            fixture.awaitNothingLeftOf(pod, sandboxId);
        }
    }

    @Test
    void aPodWhoseSandboxDiedWhileNoRuntimeRanIsReportedTerminatedWithTheReason() throws IOException {
        try (RuntimeFixture fixture = RuntimeFixture.open()) {
            Pod pod = pod("orphaned", shell("main", "exec sleep 300"));
            CreateResponse created = fixture.create(pod);
            fixture.awaitStatus(pod, status -> RUNNING.test(status.containers().get(0)));
            fixture.runtime.close();
            fixture.docker.killContainerCmd(fixture.sandboxesOf(pod).get(0).getId()).exec();

            fixture.restart();

            PodStatus failed = fixture.awaitStatus(pod,
                    status -> status.containers().get(0).getState().getTerminated() != null);
            assertThat(failed.containers().get(0).getState().getTerminated()).satisfies(ended -> {
                assertThat(ended.getReason()).isEqualTo("ContainerStatusUnknown");
                assertThat(ended.getMessage()).contains("sandbox " + created.podJid()).contains("exit code 137");
            });
            fixture.runtime.delete(pod);
            fixture.awaitNothingLeftOf(pod, created.podJid());
        }
    }
}
