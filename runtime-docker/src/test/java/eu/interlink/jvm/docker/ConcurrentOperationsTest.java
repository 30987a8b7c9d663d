package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.api.runtime.LogStream;
import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.LogOptions;
import eu.interlink.jvm.api.wire.LogRequest;
import eu.interlink.jvm.api.wire.PodStatus;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Creates, deletes, status and log calls, for the same and for different UIDs, at once, on a runtime with a pool of
 * four: whatever their order, no sandbox serves two pods, none is left without an owner, none is handed out twice,
 * and a create and a delete of one UID end deleted, with nothing left.
 */
class ConcurrentOperationsTest {

    private static final int POOL = 4;
    /** A container that runs until SIGTERM, and then stops at once. */
    private static final String SERVE = "trap 'exit 0' TERM; while true; do sleep 0.1; done";

    @RegisterExtension
    static final SharedRuntime shared = new SharedRuntime(() -> RuntimeFixture.open(POOL, Map.of()));

    /**
     * Fifty calls at once: a create of each of 15 UIDs, a second create of 5 of them, deletes of 6 racing their
     * creates, and a status and a log call for each of 9 known and 3 unknown UIDs.
     */
    @Test
    void fiftyCreatesDeletesStatusAndLogCallsAtOnceGiveEachPodItsOwnSandboxAndLeaveNoSandboxWithoutAnOwner()
            throws Exception {
        RuntimeFixture fixture = shared.fixture();
        fixture.awaitReady();
        List<Pod> pods = IntStream.range(0, 15).mapToObj(i -> pod("storm-" + i, shell("main", SERVE))).toList();
        List<Pod> deleted = pods.subList(0, 6);
        List<Pod> unknown = IntStream.range(0, 3).mapToObj(i -> pod("stranger-" + i, shell("main", SERVE))).toList();
        List<PodOperation> operations = new ArrayList<>();
        pods.forEach(pod -> operations.add(PodOperation.create(pod)));
        pods.subList(5, 10).forEach(pod -> operations.add(PodOperation.create(pod)));
        deleted.forEach(pod -> operations.add(PodOperation.delete(pod)));
        for (int i = 0; i < 12; i++) {
            Pod target = i < 9 ? pods.get(i) : unknown.get(i - 9);
            operations.add(PodOperation.status(target));
            operations.add(PodOperation.logs(target));
        }
        Collections.shuffle(operations, new Random(50));
        assertThat(operations).hasSize(50);

        List<OperationOutcome> outcomes = InterleavedOperations.runAtOnce(fixture, operations);

        assertThat(outcomes).allSatisfy(OperationOutcome::requireDocumented);
        Map<String, Set<String>> jids = OperationOutcome.jidsByUid(outcomes);
        assertThat(jids.values()).as("the answers of repeated creates of one UID").allSatisfy(
                answers -> assertThat(answers).hasSize(1));
        List<Pod> surviving = pods.subList(6, 15);
        assertThat(surviving).allSatisfy(pod -> assertThat(jids).containsKey(pod.getMetadata().getUid()));
        new RuntimeInvariants(fixture, POOL).awaitSettled(surviving, deleted, jids);
    }

    @Test
    void aDeleteWhileTheStartBuildsTheSandboxEndsDeletedWithNothingLeftAndTheUidIsRefusedAfterwards()
            throws IOException {
        RuntimeFixture fixture = shared.fixture();
        Pod pod = withHostPort(pod("building", shell("main", SERVE)));
        CreateResponse created = fixture.create(pod);
        await().atMost(RuntimeFixture.SANDBOX_TIME).pollInterval(Duration.ofMillis(20))
                .until(() -> waitingMessage(fixture.status(pod)), "building sandbox"::equals);

        fixture.runtime.delete(pod);

        assertEndsDeleted(fixture, pod, created.podJid());
    }

    @Test
    void aDeleteRightAfterTheCreateWhileThePooledSandboxIsClaimedEndsDeletedWithNothingLeft() {
        RuntimeFixture fixture = shared.fixture();
        fixture.awaitReady();
        Pod pod = pod("claiming", shell("main", SERVE));
        CreateResponse created = fixture.create(pod);

        fixture.runtime.delete(pod);

        assertEndsDeleted(fixture, pod, created.podJid());
        assertThat(fixture.awaitReady().detail()).contains("pool " + POOL + "/" + POOL);
        assertThat(fixture.unclaimedPoolSandboxIds()).doesNotContain(created.podJid());
    }

    @Test
    void createsThatArriveWhileTheDeletesRemovalRunsAreRefusedAndTheRemovalLeavesNothing() throws Exception {
        RuntimeFixture fixture = shared.fixture();
        Pod pod = new PodBuilder(pod("removing", shell("main", "trap '' TERM; while true; do sleep 0.1; done")))
                .editSpec().withTerminationGracePeriodSeconds(4L).endSpec().build();
        CreateResponse created = fixture.create(pod);
        fixture.awaitStatus(pod, status -> status.containers().get(0).getState().getRunning() != null);

        fixture.runtime.delete(pod);
        List<OperationOutcome> during = InterleavedOperations.runAtOnce(fixture, List.of(PodOperation.create(pod),
                PodOperation.create(pod), PodOperation.delete(pod), PodOperation.status(pod), PodOperation.logs(pod)));

        assertThat(fixture.sandboxesOf(pod)).as("the removal still runs: its container ignores SIGTERM").isNotEmpty();
        assertThat(during).allSatisfy(OperationOutcome::requireDocumented)
                .filteredOn(outcome -> outcome.operation().kind() == PodOperation.Kind.CREATE)
                .allSatisfy(outcome -> assertThat(outcome.failure()).isInstanceOf(InvalidPodException.class)
                        .hasMessageEndingWith("was deleted; a deleted pod cannot be created again under the same UID"));
        assertEndsDeleted(fixture, pod, created.podJid());
    }

    @Test
    void aLogFollowedDuringTheDeleteEndsCleanlyWithWhatTheContainerWroteOnSigtermAndAPlainOneAfterItFails()
            throws Exception {
        RuntimeFixture fixture = shared.fixture();
        Pod pod = pod("chatty",
                shell("main", "trap 'echo bye; exit 0' TERM; while true; do echo line; sleep 0.1; done"));
        CreateResponse created = fixture.create(pod);
        fixture.awaitStatus(pod, status -> status.containers().get(0).getState().getRunning() != null);
        LogStream plain = fixture.runtime.logs(logRequest(pod, LogOptions.DEFAULTS));

        String followed = followDuringDelete(fixture, pod);

        assertThat(followed).startsWith("line\n").endsWith("line\nbye\n");
        fixture.awaitNothingLeftOf(pod, created.podJid());
        assertThatThrownBy(() -> plain.writeTo(new ByteArrayOutputStream())).isInstanceOf(IOException.class);
    }

    @Test
    void aLogFollowedDuringTheDeleteOfAContainerThatIgnoresSigtermEndsCleanlyWhenTheGracePeriodIsOver()
            throws Exception {
        RuntimeFixture fixture = shared.fixture();
        Pod pod = pod("stubborn", shell("main", "trap 'echo bye' TERM; while true; do echo line; sleep 0.1; done"));
        CreateResponse created = fixture.create(pod);
        fixture.awaitStatus(pod, status -> status.containers().get(0).getState().getRunning() != null);

        String followed = followDuringDelete(fixture, pod);

        assertThat(followed).startsWith("line\n").contains("line\nbye\nline\n");
        fixture.awaitNothingLeftOf(pod, created.podJid());
    }

    /** Follows the log of the pod's container, deletes the pod once a line came, and returns the log once it ended. */
    private static String followDuringDelete(RuntimeFixture fixture, Pod pod) {
        LogStream followed = fixture.runtime.logs(logRequest(pod, new LogOptions(0, 0, false, true, false, 0, null)));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        CompletableFuture<Void> following = CompletableFuture.runAsync(() -> {
            try {
                followed.writeTo(log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> log.size() > 0);

        fixture.runtime.delete(pod);

        assertThat(following).as("the followed log").succeedsWithin(Duration.ofSeconds(30));
        return log.toString(StandardCharsets.UTF_8);
    }

    private static LogRequest logRequest(Pod pod, LogOptions options) {
        return new LogRequest("tests", pod.getMetadata().getUid(), pod.getMetadata().getName(), "main", options);
    }

    /** Nothing of the pod is left, its status is that of a pod the runtime does not know, and its UID is refused. */
    static void assertEndsDeleted(RuntimeFixture fixture, Pod pod, String jid) {
        fixture.awaitNothingLeftOf(pod, jid);
        Pod submitted = new PodBuilder(pod).editMetadata().addToAnnotations("JobID", jid).endMetadata().build();
        assertThat(fixture.status(submitted).containers()).singleElement().satisfies(status -> {
            assertThat(status.getState().getTerminated().getReason()).isEqualTo("NotFound");
            assertThat(status.getState().getTerminated().getMessage()).contains("has no pod with this UID");
        });
        assertThatThrownBy(() -> fixture.create(pod)).isInstanceOf(InvalidPodException.class)
                .hasMessage("pod tests/" + pod.getMetadata().getName() + " (" + pod.getMetadata().getUid()
                        + ") was deleted; a deleted pod cannot be created again under the same UID");
        fixture.assertNothingLeftOf(pod, jid);
    }

    private static String waitingMessage(PodStatus status) {
        var waiting = status.containers().get(0).getState().getWaiting();
        return waiting == null ? null : waiting.getMessage();
    }

    /** The pod with a host port, so that its start builds a sandbox for it instead of taking one from the pool. */
    private static Pod withHostPort(Pod pod) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Container main = new ContainerBuilder(pod.getSpec().getContainers().get(0))
                .addNewPort().withName("http").withContainerPort(8080).withHostPort(port).endPort().build();
        return new PodBuilder(pod).editSpec().withContainers(main).endSpec().build();
    }
}
