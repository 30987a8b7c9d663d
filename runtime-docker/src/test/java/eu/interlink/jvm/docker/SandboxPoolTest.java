package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import eu.interlink.jvm.api.runtime.PodRuntime;
import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.docker.engine.Labels;
import eu.interlink.jvm.docker.images.ImageSupplier;
import eu.interlink.jvm.docker.pool.SandboxPool;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The warm pool of sandboxes ({@code AVAILABLEDINDS}) on the real engine: it fills in the background, gives each
 * sandbox to one pod and refills, retries failed builds, and leaves nothing unclaimed behind.
 */
class SandboxPoolTest {

    /** A container that runs until SIGTERM, and then stops at once. */
    private static final String SERVE = "trap 'exit 0' TERM; while true; do sleep 0.1; done";
    private static final Predicate<PodStatus> RUNNING = status -> status.containers().get(0).getState().getRunning() != null;

    @Test
    void thePoolFillsInTheBackgroundAfterTheRuntimeOpensAndThenTheRuntimeIsReady() throws IOException {
        try (RuntimeFixture fixture = RuntimeFixture.open(2, Map.of())) {
            assertThat(fixture.runtime.readiness().ready()).as("ready before any sandbox was built").isFalse();

            assertThat(fixture.awaitReady().detail()).contains("pool 2/2 sandboxes ready");

            assertThat(fixture.poolSandboxes()).hasSize(2).allSatisfy(sandbox -> {
                assertThat(sandbox.getState()).isEqualTo("running");
                assertThat(sandbox.getLabels()).containsEntry(Labels.ROLE, Labels.ROLE_SANDBOX)
                        .containsEntry(Labels.DATA_ROOT, fixture.dataRoot.toString())
                        .containsKey(Labels.SANDBOX_ID)
                        .doesNotContainKeys(Labels.POD_UID, Labels.POD_NAMESPACE, Labels.POD_NAME);
            });
            assertThat(fixture.unclaimedPoolSandboxIds()).hasSize(2);
        }
    }

    @Test
    void aPodCreatedOnAFullPoolStartsInAPooledSandboxTheClaimNamesItThePoolRefillsAndDeleteLeavesNothing()
            throws IOException {
        try (RuntimeFixture fixture = RuntimeFixture.open(2, Map.of())) {
            fixture.awaitReady();
            Set<String> pool = fixture.unclaimedPoolSandboxIds();
            Pod pod = pod("pooled", shell("main", SERVE));

            CreateResponse created = fixture.create(pod);

            assertThat(pool).contains(created.podJid());
            List<String> waitingMessages = new CopyOnWriteArrayList<>();
            fixture.awaitStatus(pod, recordingWaiting(waitingMessages).and(RUNNING));
            assertThat(waitingMessages).doesNotContain("building sandbox");
            assertThat(fixture.claimsOf(pod)).singleElement().satisfies(claim -> {
                assertThat(claim.getNames()).containsExactly("/" + RuntimeFixture.CLAIM_PREFIX + created.podJid());
                assertThat(claim.getState()).isEqualTo("created");
                assertThat(claim.getLabels()).containsEntry(Labels.SANDBOX_ID, created.podJid())
                        .containsEntry(Labels.POD_UID, pod.getMetadata().getUid())
                        .containsEntry(Labels.POD_NAME, "pooled");
            });
            assertThat(fixture.sandboxesOf(pod)).singleElement().satisfies(sandbox -> assertThat(sandbox.getLabels())
                    .containsEntry(Labels.POOL, "true")
                    .doesNotContainKeys(Labels.POD_UID, Labels.POD_NAMESPACE, Labels.POD_NAME));

            assertThat(fixture.awaitReady().detail()).contains("pool 2/2 sandboxes ready");
            assertThat(fixture.unclaimedPoolSandboxIds()).hasSize(2).doesNotContain(created.podJid());

            fixture.runtime.delete(pod);
            fixture.awaitNothingLeftOf(pod, created.podJid());
        }
    }

    @Test
    void concurrentCreatesOnASmallPoolGetDistinctSandboxesAndAllRun() throws Exception {
        try (RuntimeFixture fixture = RuntimeFixture.open(2, Map.of())) {
            fixture.awaitReady();
            Set<String> pool = fixture.unclaimedPoolSandboxIds();
            List<Pod> pods = IntStream.range(0, 8).mapToObj(i -> pod("crowd-" + i, shell("main", SERVE))).toList();

            List<CreateResponse> created = createAtOnce(fixture, pods);

            Set<String> jids = created.stream().map(CreateResponse::podJid).collect(Collectors.toSet());
            assertThat(jids).hasSize(pods.size()).containsAll(pool);
            for (int i = 0; i < pods.size(); i++) {
                Pod pod = pods.get(i);
                String jid = created.get(i).podJid();
                fixture.awaitStatus(pod, RUNNING);
                assertThat(fixture.claimsOf(pod)).singleElement()
                        .satisfies(claim -> assertThat(claim.getLabels()).containsEntry(Labels.SANDBOX_ID, jid));
                assertThat(fixture.sandboxesOf(pod)).singleElement()
                        .satisfies(sandbox -> assertThat(sandbox.getState()).isEqualTo("running"));
            }
            pods.forEach(fixture.runtime::delete);
            for (int i = 0; i < pods.size(); i++) {
                fixture.awaitNothingLeftOf(pods.get(i), created.get(i).podJid());
            }
        }
    }

    @Test
    void withoutAPoolTheRuntimeIsReadyAtOnceAndEachPodBuildsItsOwnSandbox() throws IOException {
        try (RuntimeFixture fixture = RuntimeFixture.open(0, Map.of())) {
            assertThat(fixture.awaitReady().detail()).contains("no sandbox pool (AVAILABLEDINDS is 0)");
            Pod pod = pod("dedicated", shell("main", SERVE));

            CreateResponse created = fixture.create(pod);

            List<String> waitingMessages = new CopyOnWriteArrayList<>();
            fixture.awaitStatus(pod, recordingWaiting(waitingMessages).and(RUNNING));
            assertThat(waitingMessages).contains("building sandbox");
            assertThat(fixture.sandboxesOf(pod)).singleElement().satisfies(sandbox -> assertThat(sandbox.getLabels())
                    .containsEntry(Labels.SANDBOX_ID, created.podJid())
                    .containsEntry(Labels.POOL, "false"));
            assertThat(fixture.poolSandboxes()).isEmpty();
        }
    }

    @Test
    void aFailedPoolBuildIsRetriedWithBackoffAndLeavesNothingBehind() throws IOException {
        Logger poolLog = (Logger) LoggerFactory.getLogger(SandboxPool.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        poolLog.addAppender(log);
        // busybox has no dockerd: each sandbox container fails to start.
        try (RuntimeFixture fixture = RuntimeFixture.open(1, Map.of("DindImage", RuntimeFixture.BUSYBOX))) {
            List<String> failures = await().atMost(Duration.ofSeconds(30)).until(() -> log.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .filter(message -> message.startsWith("A pool sandbox could not be built")).toList(),
                    messages -> messages.size() >= 2);

            assertThat(failures.get(0)).contains("trying again in 1 s");
            assertThat(failures.get(1)).contains("trying again in 2 s");
            assertThat(fixture.containersLabelled(Map.of(Labels.DATA_ROOT, fixture.dataRoot.toString()))).isEmpty();
            assertThat(fixture.volumesLabelled(Labels.DATA_ROOT, fixture.dataRoot.toString())).isEmpty();
            assertThat(fixture.sandboxFolders()).isEmpty();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(fixture.runtime.readiness())
                    .satisfies(readiness -> {
                        assertThat(readiness.ready()).isFalse();
                        assertThat(readiness.detail()).contains("pool 0/1 sandboxes ready; the last build failed:");
                    }));
        } finally {
            poolLog.detachAppender(log);
        }
    }

    @Test
    void closeRemovesTheUnclaimedPoolSandboxesAndKeepsThePodsRunning() throws IOException {
        try (RuntimeFixture fixture = RuntimeFixture.open(2, Map.of())) {
            fixture.awaitReady();
            Pod pod = pod("survivor", shell("main", SERVE));
            CreateResponse created = fixture.create(pod);
            fixture.awaitStatus(pod, RUNNING);
            fixture.awaitReady();

            fixture.runtime.close();

            assertThat(fixture.unclaimedPoolSandboxIds()).isEmpty();
            assertThat(fixture.poolSandboxes()).singleElement().satisfies(sandbox -> {
                assertThat(sandbox.getLabels()).containsEntry(Labels.SANDBOX_ID, created.podJid());
                assertThat(sandbox.getState()).isEqualTo("running");
            });
            assertThat(fixture.sandboxFolders()).containsExactly(fixture.dataRoot.resolve("sandboxes")
                    .resolve(created.podJid()));
            fixture.restart();
        }
    }

    @Test
    void closeWhileThePoolBuildsCancelsTheBuildsAndLeavesNothing() throws IOException {
        try (RuntimeFixture fixture = RuntimeFixture.open(2, Map.of())) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                    .until(() -> !fixture.sandboxFolders().isEmpty());

            fixture.runtime.close();

            assertThat(fixture.containersLabelled(Map.of(Labels.DATA_ROOT, fixture.dataRoot.toString()))).isEmpty();
            assertThat(fixture.volumesLabelled(Labels.DATA_ROOT, fixture.dataRoot.toString())).isEmpty();
            assertThat(fixture.sandboxFolders()).isEmpty();
        }
    }

    @Test
    void aRuntimeRemovesWhatAnEarlierOneOnItsDataRootLeftUnclaimedButNotAnotherDataRootsNorAClaimedOne()
            throws IOException {
        try (RuntimeFixture earlier = RuntimeFixture.open(1, Map.of());
                RuntimeFixture elsewhere = RuntimeFixture.open(1, Map.of())) {
            earlier.awaitReady();
            elsewhere.awaitReady();
            Pod pod = pod("claimed", shell("main", SERVE));
            CreateResponse created = earlier.create(pod);
            earlier.awaitStatus(pod, RUNNING);
            earlier.awaitReady();
            Set<String> leftOver = earlier.unclaimedPoolSandboxIds();
            Set<String> elsewhereMembers = elsewhere.unclaimedPoolSandboxIds();

            try (PodRuntime next = earlier.openAnother()) {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                    assertThat(ids(earlier.poolSandboxes())).doesNotContainAnyElementsOf(leftOver);
                    for (String id : leftOver) {
                        assertThat(earlier.volumesLabelled(Labels.SANDBOX_ID, id)).isEmpty();
                        assertThat(earlier.dataRoot.resolve("sandboxes").resolve(id)).doesNotExist();
                    }
                });
                assertThat(elsewhere.unclaimedPoolSandboxIds()).isEqualTo(elsewhereMembers);
                assertThat(earlier.sandboxesOf(pod)).singleElement().satisfies(sandbox -> {
                    assertThat(sandbox.getLabels()).containsEntry(Labels.SANDBOX_ID, created.podJid());
                    assertThat(sandbox.getState()).isEqualTo("running");
                });
            }
        }
    }

    @Test
    void preloadedImagesAreInEveryPoolSandboxSoThatAPodUsingOneMovesNoImage() throws IOException {
        Logger supplierLog = (Logger) LoggerFactory.getLogger(ImageSupplier.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        try (RuntimeFixture fixture = RuntimeFixture.open(1, Map.of("PreloadImages", List.of(RuntimeFixture.BUSYBOX)))) {
            fixture.awaitReady();
            String member = fixture.unclaimedPoolSandboxIds().iterator().next();
            try (DockerClient inner = fixture.innerEngine(member)) {
                assertThat(inner.inspectImageCmd(RuntimeFixture.BUSYBOX).exec().getRepoTags())
                        .contains(RuntimeFixture.BUSYBOX);
            }
            log.start();
            supplierLog.addAppender(log);
            Pod pod = pod("preloaded", shell("main", SERVE));

            CreateResponse created = fixture.create(pod);

            fixture.awaitStatus(pod, RUNNING);
            assertThat(created.podJid()).isEqualTo(member);
            assertThat(log.list).map(ILoggingEvent::getFormattedMessage).noneMatch(message -> message.contains(member));
        } finally {
            supplierLog.detachAppender(log);
        }
    }

    /** Creates the pods all at once, each from a thread of its own; the answers in the pods' order. */
    private static List<CreateResponse> createAtOnce(RuntimeFixture fixture, List<Pod> pods) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(pods.size());
        try {
            List<Future<CreateResponse>> answers = new ArrayList<>();
            for (Pod pod : pods) {
                answers.add(threads.submit(() -> {
                    go.await();
                    return fixture.create(pod);
                }));
            }
            go.countDown();
            List<CreateResponse> created = new ArrayList<>();
            for (Future<CreateResponse> answer : answers) {
                created.add(answer.get());
            }
            return created;
        } finally {
            threads.shutdownNow();
        }
    }

    /** A condition that holds always, and notes each waiting message of the pod's first container it sees. */
    private static Predicate<PodStatus> recordingWaiting(List<String> messages) {
        return status -> {
            ContainerStateWaiting waiting = status.containers().get(0).getState().getWaiting();
            if (waiting != null && waiting.getMessage() != null) {
                messages.add(waiting.getMessage());
            }
            return true;
        };
    }

    private static Set<String> ids(List<Container> sandboxes) {
        return sandboxes.stream().map(sandbox -> sandbox.getLabels().get(Labels.SANDBOX_ID)).collect(Collectors.toSet());
    }
}
