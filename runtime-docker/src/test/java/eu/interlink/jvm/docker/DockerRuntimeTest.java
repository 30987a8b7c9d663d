package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.api.runtime.Readiness;
import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.LogOptions;
import eu.interlink.jvm.api.wire.NodeResources;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import eu.interlink.jvm.docker.engine.Labels;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The pod lifecycle on the real engine, with the default DindSecurity ({@code auto}). */
class DockerRuntimeTest {

    @RegisterExtension
    static final SharedRuntime shared = new SharedRuntime(RuntimeFixture::open);

    @Test
    void aPodThatExitsWithThreeIsReportedAsAnErrorWithItsLogAndLeavesNothingWhenDeleted() throws IOException {
        Pod pod = pod("hello", shell("main", "echo hello from the pod; exit 3"));

        CreateResponse created = shared.fixture().create(pod);
        assertThat(created.podUid()).isEqualTo(pod.getMetadata().getUid());
        assertThat(created.podJid()).matches("[0-9a-f]{12}");

        PodStatus first = shared.fixture().status(pod);
        assertThat(first.uid()).isEqualTo(pod.getMetadata().getUid());
        assertThat(first.name()).isEqualTo("hello");
        assertThat(first.namespace()).isEqualTo("tests");
        assertThat(first.jid()).isEqualTo(created.podJid());
        assertThat(first.containers()).singleElement().satisfies(status -> {
            assertThat(status.getName()).isEqualTo("main");
            assertThat(status.getState().getWaiting().getReason()).isEqualTo("ContainerCreating");
        });

        PodStatus done = shared.fixture().awaitStatus(pod, status -> terminated(status.containers().get(0)) != null);
        ContainerStatus main = done.containers().get(0);
        ContainerStateTerminated terminated = main.getState().getTerminated();
        assertThat(terminated.getExitCode()).isEqualTo(3);
        assertThat(terminated.getReason()).isEqualTo("Error");
        assertThat(Instant.parse(terminated.getStartedAt())).isBeforeOrEqualTo(Instant.parse(terminated.getFinishedAt()));
        assertThat(main.getContainerID()).startsWith("docker://");
        assertThat(main.getImageID()).startsWith("docker://sha256:");
        assertThat(main.getImage()).isEqualTo(RuntimeFixture.BUSYBOX);
        assertThat(main.getReady()).isFalse();

        assertThat(logs(pod, "main", LogOptions.DEFAULTS)).isEqualTo("hello from the pod\n");

        assertThat(shared.fixture().claimsOf(pod)).singleElement().satisfies(claim -> {
            assertThat(claim.getNames()).containsExactly("/" + RuntimeFixture.CLAIM_PREFIX + created.podJid());
            assertThat(claim.getState()).isEqualTo("created");
            assertThat(claim.getLabels()).containsEntry(Labels.SANDBOX_ID, created.podJid())
                    .containsEntry(Labels.POD_NAMESPACE, "tests")
                    .containsEntry(Labels.POD_NAME, "hello")
                    .containsEntry(Labels.DATA_ROOT, shared.fixture().dataRoot.toString());
        });
        assertThat(shared.fixture().sandboxesOf(pod)).singleElement().satisfies(sandbox ->
                assertThat(sandbox.getLabels()).containsEntry(Labels.SANDBOX_ID, created.podJid())
                        .containsEntry(Labels.POOL, "false")
                        .containsEntry(Labels.DATA_ROOT, shared.fixture().dataRoot.toString())
                        .doesNotContainKeys(Labels.POD_UID, Labels.POD_NAMESPACE, Labels.POD_NAME));
        assertThat(shared.fixture().volumesOf(pod)).singleElement().satisfies(volume ->
                assertThat(volume.getLabels()).containsEntry(Labels.ROLE, Labels.ROLE_SANDBOX_STORAGE)
                        .doesNotContainKeys(Labels.POD_UID));

        shared.fixture().runtime.delete(pod);
        shared.fixture().runtime.delete(pod);

        shared.fixture().awaitNothingLeftOf(pod, created.podJid());
    }

    @Test
    void containersWithOneCharacterNamesWhichDockerWouldRefuseRunAndRestart() throws IOException {
        Pod pod = new PodBuilder(pod("short-names", shell("a", "echo from a"), shell("b", "echo from b; exit 1")))
                .editSpec().withRestartPolicy("OnFailure").endSpec().build();

        shared.fixture().create(pod);

        shared.fixture().awaitStatus(pod, status -> terminated(status.containers().get(0)) != null
                && status.containers().get(1).getRestartCount() > 0);
        assertThat(terminated(shared.fixture().status(pod).containers().get(0)).getExitCode()).isZero();
        assertThat(logs(pod, "b", LogOptions.DEFAULTS)).contains("from b");
        shared.fixture().runtime.delete(pod);
    }

    @Test
    void aLongRunningContainerRunsSinceItsStartAndStopsOnSigtermWhenDeleted() {
        Pod pod = new PodBuilder(pod("server",
                shell("server", "trap 'exit 0' TERM; echo started; while true; do sleep 0.1; done")))
                .editSpec().withTerminationGracePeriodSeconds(60L).endSpec().build();
        CreateResponse created = shared.fixture().create(pod);

        ContainerStatus server = shared.fixture().awaitStatus(pod, status -> status.containers().get(0).getState().getRunning() != null)
                .containers().get(0);
        assertThat(Instant.parse(server.getState().getRunning().getStartedAt())).isBeforeOrEqualTo(Instant.now());
        assertThat(server.getReady()).isTrue();
        assertThat(server.getStarted()).isTrue();

        long deleting = System.nanoTime();
        shared.fixture().runtime.delete(pod);
        shared.fixture().awaitNothingLeftOf(pod, created.podJid());
        assertThat(Duration.ofNanos(System.nanoTime() - deleting))
                .as("the container stopped on SIGTERM, well within its 60 s grace period")
                .isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void autoSecurityRunsSandboxesPrivilegedWhereTheEngineAllowsItAndWithCapabilitiesWhereItRefuses() {
        Optional<String> refusal = shared.fixture().privilegedRefusal();
        Pod pod = pod("security", shell("main", "sleep 30"));
        shared.fixture().create(pod);
        shared.fixture().awaitStatus(pod, status -> status.containers().get(0).getState().getRunning() != null);

        HostConfig sandbox = shared.fixture().docker.inspectContainerCmd(shared.fixture().sandboxesOf(pod).get(0).getId()).exec()
                .getHostConfig();

        if (refusal.isEmpty()) {
            assertThat(sandbox.getPrivileged()).isTrue();
            assertThat(readiness().detail()).contains("sandboxes run with DindSecurity privileged");
        } else {
            assertThat(sandbox.getPrivileged()).isNotEqualTo(Boolean.TRUE);
            assertThat(sandbox.getCapAdd()).contains(Capability.ALL);
            assertThat(sandbox.getCapDrop()).contains(Capability.SYS_RESOURCE);
            assertThat(readiness().detail()).contains(
                    "sandboxes run with DindSecurity capabilities: this engine refuses privileged (" + refusal.get() + ")");
        }
        shared.fixture().runtime.delete(pod);
    }

    @Test
    void initContainersRunOneByOneToCompletionBeforeTheMainContainers() {
        Pod pod = pod("init", List.of(shell("first", "sleep 1; echo first"), shell("second", "echo second")),
                List.of(shell("main", "echo main")));
        shared.fixture().create(pod);

        PodStatus initializing = shared.fixture().awaitStatus(pod,
                status -> status.initContainers().get(0).getState().getRunning() != null);
        assertThat(initializing.initContainers().get(1).getState().getWaiting().getReason()).isEqualTo("PodInitializing");
        assertThat(initializing.containers().get(0).getState().getWaiting().getReason()).isEqualTo("PodInitializing");

        PodStatus done = shared.fixture().awaitStatus(pod, status -> terminated(status.containers().get(0)) != null);
        ContainerStateTerminated first = terminated(done.initContainers().get(0));
        ContainerStateTerminated second = terminated(done.initContainers().get(1));
        ContainerStateTerminated main = terminated(done.containers().get(0));
        assertThat(List.of(first, second, main)).extracting(ContainerStateTerminated::getReason)
                .containsOnly("Completed");
        assertThat(Instant.parse(first.getFinishedAt())).isBeforeOrEqualTo(Instant.parse(second.getStartedAt()));
        assertThat(Instant.parse(second.getFinishedAt())).isBeforeOrEqualTo(Instant.parse(main.getStartedAt()));
        assertThat(done.initContainers()).extracting(ContainerStatus::getName).containsExactly("first", "second");
        shared.fixture().runtime.delete(pod);
    }

    @Test
    void aFailedInitContainerStopsThePodAndTheMainContainersEndNamingIt() {
        Pod pod = pod("init-fails", List.of(shell("setup", "exit 2"), shell("never", "echo never")),
                List.of(shell("main", "echo main")));
        shared.fixture().create(pod);

        PodStatus done = shared.fixture().awaitStatus(pod, status -> terminated(status.containers().get(0)) != null);

        ContainerStateTerminated setup = terminated(done.initContainers().get(0));
        assertThat(setup.getExitCode()).isEqualTo(2);
        assertThat(setup.getReason()).isEqualTo("Error");
        for (ContainerStatus notRun : List.of(done.initContainers().get(1), done.containers().get(0))) {
            assertThat(terminated(notRun).getExitCode()).isNotZero();
            assertThat(terminated(notRun).getReason()).isEqualTo("Init:setup:Error");
            assertThat(terminated(notRun).getMessage()).contains("init container setup exited with code 2");
        }
        shared.fixture().runtime.delete(pod);
    }

    @Test
    void commandArgsEnvAndWorkingDirReachTheProcessExactly() throws IOException {
        Pod pod = pod("argv",
                new ContainerBuilder().withName("argv").withImage(RuntimeFixture.BUSYBOX)
                        .withCommand("sh", "-c").withArgs("echo \"$0|$1\"", "a b", "c;d").build(),
                new ContainerBuilder().withName("env").withImage(RuntimeFixture.BUSYBOX)
                        .withCommand("sh", "-c").withArgs("echo \"$GREETING\"; pwd")
                        .addNewEnv().withName("GREETING").withValue("hello 'world' $HOME").endEnv()
                        .withWorkingDir("/tmp")
                        .build());
        shared.fixture().create(pod);

        shared.fixture().awaitStatus(pod, status -> status.containers().stream().allMatch(container -> terminated(container) != null));

        assertThat(logs(pod, "argv", LogOptions.DEFAULTS)).isEqualTo("a b|c;d\n");
        assertThat(logs(pod, "env", LogOptions.DEFAULTS)).isEqualTo("hello 'world' $HOME\n/tmp\n");
        shared.fixture().runtime.delete(pod);
    }

    @Test
    void thePodsContainersShareLocalhost() throws IOException {
        Pod pod = pod("localhost",
                shell("server", "echo pong | nc -l -p 18080"),
                shell("client", "for i in $(seq 100); do nc 127.0.0.1 18080 && exit 0; sleep 0.1; done; exit 1"));
        shared.fixture().create(pod);

        PodStatus done = shared.fixture().awaitStatus(pod,
                status -> status.containers().stream().allMatch(container -> terminated(container) != null));

        assertThat(terminated(done.containers().get(1)).getExitCode()).isZero();
        assertThat(logs(pod, "client", LogOptions.DEFAULTS)).isEqualTo("pong\n");
        shared.fixture().runtime.delete(pod);
    }

    @Test
    void aSecondCreateOfTheSameUidAnswersTheSameAndStartsNothing() {
        Pod pod = pod("twice", shell("main", "sleep 30"));

        CreateResponse first = shared.fixture().create(pod);
        CreateResponse second = shared.fixture().create(pod);

        assertThat(second).isEqualTo(first);
        shared.fixture().awaitStatus(pod, status -> status.containers().get(0).getState().getRunning() != null);
        assertThat(shared.fixture().claimsOf(pod)).hasSize(1);
        assertThat(shared.fixture().sandboxesOf(pod)).hasSize(1);
        shared.fixture().runtime.delete(pod);
    }

    @Test
    void aDeleteDuringCreateEndsWithNothingLeft() {
        Pod pod = pod("short-lived", shell("main", "sleep 30"));

        CreateResponse created = shared.fixture().create(pod);
        shared.fixture().runtime.delete(pod);

        shared.fixture().awaitNothingLeftOf(pod, created.podJid());
        assertThat(shared.fixture().status(pod).containers().get(0).getState().getWaiting().getReason())
                .isEqualTo("ContainerCreating");
    }

    @Test
    void aDeleteThatComesBeforeTheCreateWinsAndTheCreateLeavesNothing() {
        Pod pod = pod("deleted-first", shell("main", "sleep 30"));

        shared.fixture().runtime.delete(pod);

        assertThatThrownBy(() -> shared.fixture().create(pod))
                .isInstanceOf(InvalidPodException.class)
                .hasMessage("pod tests/deleted-first (" + pod.getMetadata().getUid()
                        + ") was deleted; a deleted pod cannot be created again under the same UID");
        assertThat(shared.fixture().containersOf(pod)).isEmpty();
        assertThat(shared.fixture().volumesOf(pod)).isEmpty();
    }

    @Test
    void aCreateAfterCreateAndDeleteOfTheSameUidIsRefusedAndNothingIsLeft() {
        Pod pod = pod("recreated", shell("main", "sleep 30"));
        CreateResponse created = shared.fixture().create(pod);
        shared.fixture().runtime.delete(pod);

        assertThatThrownBy(() -> shared.fixture().create(pod))
                .isInstanceOf(InvalidPodException.class)
                .hasMessageEndingWith("was deleted; a deleted pod cannot be created again under the same UID");
        shared.fixture().awaitNothingLeftOf(pod, created.podJid());
    }

    @Test
    void concurrentCreatesOfOneUidStartExactlyOneSandbox() throws Exception {
        Pod pod = pod("crowd", shell("main", "sleep 30"));
        int creators = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(creators);
        List<Future<CreateResponse>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < creators; i++) {
                answers.add(threads.submit(() -> {
                    go.await();
                    return shared.fixture().create(pod);
                }));
            }
            go.countDown();
            CreateResponse first = answers.get(0).get();
            for (Future<CreateResponse> answer : answers) {
                assertThat(answer.get()).isEqualTo(first);
            }
        } finally {
            threads.shutdownNow();
        }

        shared.fixture().awaitStatus(pod, status -> status.containers().get(0).getState().getRunning() != null);
        assertThat(shared.fixture().claimsOf(pod)).hasSize(1);
        assertThat(shared.fixture().sandboxesOf(pod)).hasSize(1);
        assertThat(shared.fixture().volumesOf(pod)).hasSize(1);
        shared.fixture().runtime.delete(pod);
    }

    @Test
    void aDeleteWhileTheSandboxStartsEndsWithNothingLeft() {
        Pod pod = pod("half-built", shell("main", "sleep 30"));

        CreateResponse created = shared.fixture().create(pod);
        await().atMost(RuntimeFixture.SANDBOX_TIME).until(() -> !shared.fixture().sandboxesOf(pod).isEmpty());
        shared.fixture().runtime.delete(pod);

        shared.fixture().awaitNothingLeftOf(pod, created.podJid());
    }

    @Test
    void anUnknownPodIsBeingCreatedWithoutJobIdAndLostWithOne() {
        Pod unknown = pod("unknown", List.of(shell("init", "true")), List.of(shell("main", "true")));
        Pod submitted = new PodBuilder(unknown).editMetadata().withAnnotations(Map.of("JobID", "0123456789ab")).endMetadata()
                .build();

        PodStatus creating = shared.fixture().status(unknown);
        PodStatus lost = shared.fixture().status(submitted);

        assertThat(creating.initContainers()).singleElement()
                .satisfies(status -> assertThat(status.getState().getWaiting().getReason()).isEqualTo("ContainerCreating"));
        assertThat(creating.containers()).singleElement()
                .satisfies(status -> assertThat(status.getState().getWaiting().getReason()).isEqualTo("ContainerCreating"));
        List<ContainerStatus> all = new ArrayList<>(lost.initContainers());
        all.addAll(lost.containers());
        assertThat(all).hasSize(2).allSatisfy(status -> {
            assertThat(status.getState().getTerminated().getExitCode()).isEqualTo(1);
            assertThat(status.getState().getTerminated().getReason()).isEqualTo("NotFound");
        });
        assertThat(lost.uid()).isEqualTo(unknown.getMetadata().getUid());
        assertThat(lost.jid()).isEqualTo("0123456789ab");
    }

    @Test
    void aPodThatCannotRunIsRefusedAtOnceWithAOneLineReason() {
        Pod noContainers = pod("empty");
        Pod duplicates = pod("twins", shell("same", "true"), shell("same", "true"));

        assertThatThrownBy(() -> shared.fixture().runtime.create(new RetrievedPodData(noContainers, null)))
                .isInstanceOf(InvalidPodException.class)
                .hasMessage("spec.containers: at least one container is required");
        assertThatThrownBy(() -> shared.fixture().runtime.create(new RetrievedPodData(duplicates, null)))
                .isInstanceOf(InvalidPodException.class)
                .hasMessageContaining("'same' is used by another container");
    }

    @Test
    void theNodeOffersTheHostsCpusAndMemoryAndIsReadyWithAUsableDindImage() {
        NodeResources capacity = shared.fixture().runtime.capacity();

        assertThat(capacity.cpu()).isEqualTo(String.valueOf(Runtime.getRuntime().availableProcessors()));
        assertThat(capacity.memory()).matches("\\d+(Ki|Mi|Gi|Ti)?");
        assertThat(readiness().detail()).contains("answers", "sandboxes start from " + RuntimeFixture.DIND);
    }

    /** The readiness once ready: the first answers come from checks that run in the background. */
    private static Readiness readiness() {
        return await().atMost(Duration.ofSeconds(30)).until(shared.fixture().runtime::readiness, Readiness::ready);
    }

    private static ContainerStateTerminated terminated(ContainerStatus status) {
        return status.getState().getTerminated();
    }

    private static String logs(Pod pod, String container, LogOptions options) throws IOException {
        return shared.fixture().logs(pod, container, options);
    }
}
