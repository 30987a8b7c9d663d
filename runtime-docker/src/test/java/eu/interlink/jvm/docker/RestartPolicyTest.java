package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import eu.interlink.jvm.api.runtime.PodNotFoundException;
import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.LogOptions;
import eu.interlink.jvm.api.wire.LogRequest;
import eu.interlink.jvm.api.wire.PodStatus;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Containers run again as the pod's {@code restartPolicy} says, after kubelet's pauses (here from 1 s), and are
 * reported as kubelet reports them: a container that pauses before it runs again waits in {@code CrashLoopBackOff}
 * with its last run as its last state, never {@code terminated}, which would end the pod for interLink.
 */
class RestartPolicyTest {

    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final LogOptions PREVIOUS = new LogOptions(0, 0, false, false, true, 0, null);

    @RegisterExtension
    static final SharedRuntime shared = new SharedRuntime(() -> RuntimeFixture.withFirstRestartPause(FIRST_PAUSE));

    @Test
    void onFailureRunsAFailingContainerAgainAfterPausesThatDoubleUntilItSucceeds() throws IOException {
        Pod pod = withState("OnFailure", List.of(), counting("main", "[ $n -ge 3 ]"));
        shared.fixture().create(pod);

        ContainerStatus pausing = shared.fixture().awaitStatus(pod, status -> pauses(main(status))).containers().get(0);
        int restarts = pausing.getRestartCount();
        assertThat(restarts).isLessThan(2);
        assertThat(waiting(pausing).getReason()).isEqualTo("CrashLoopBackOff");
        assertThat(waiting(pausing).getMessage()).isEqualTo("back-off " + (1 << restarts)
                + "s restarting failed container=main pod=tests/flaky");
        assertThat(pausing.getState().getTerminated()).isNull();
        assertThat(lastRun(pausing).getExitCode()).isEqualTo(1);
        assertThat(lastRun(pausing).getReason()).isEqualTo("Error");
        assertThat(Instant.parse(lastRun(pausing).getStartedAt()))
                .isBeforeOrEqualTo(Instant.parse(lastRun(pausing).getFinishedAt()));

        ContainerStatus done = shared.fixture().awaitStatus(pod, status -> terminated(main(status)) != null).containers().get(0);
        assertThat(terminated(done).getExitCode()).isZero();
        assertThat(terminated(done).getReason()).isEqualTo("Completed");
        assertThat(done.getRestartCount()).isEqualTo(2);
        assertThat(lastRun(done).getExitCode()).isEqualTo(1);
        assertThat(Duration.between(Instant.parse(lastRun(done).getFinishedAt()),
                Instant.parse(terminated(done).getStartedAt())))
                .as("the second pause is twice the first").isGreaterThanOrEqualTo(FIRST_PAUSE.multipliedBy(2));

        assertThat(logs(pod, "main", LogOptions.DEFAULTS)).isEqualTo("run 3\n");
        assertThat(logs(pod, "main", PREVIOUS)).isEqualTo("run 2\n");
        shared.fixture().runtime.delete(pod);
    }

    @Test
    void alwaysIsTheDefaultAndRunsAContainerThatExitedWithZeroAgainWithoutEverReportingItTerminated() {
        Pod pod = withPolicy(null, List.of(), shell("main", "echo ok"));
        shared.fixture().create(pod);

        ContainerStatus main = shared.fixture().awaitStatus(pod, status -> {
            assertThat(main(status).getState().getTerminated()).as("a container that runs again").isNull();
            return main(status).getRestartCount() >= 2;
        }).containers().get(0);

        assertThat(lastRun(main).getExitCode()).isZero();
        assertThat(lastRun(main).getReason()).isEqualTo("Completed");
        shared.fixture().runtime.delete(pod);
    }

    @Test
    void onFailureLeavesAContainerThatExitedWithZeroTerminatedWhileAFailingOneRunsAgain() {
        Pod pod = withPolicy("OnFailure", List.of(), shell("done", "echo done"), shell("crash", "exit 1"));
        shared.fixture().create(pod);
        String doneId = shared.fixture().awaitStatus(pod, status -> terminated(status.containers().get(0)) != null)
                .containers().get(0).getContainerID();

        PodStatus later = shared.fixture().awaitStatus(pod, status -> status.containers().get(1).getRestartCount() >= 1);

        ContainerStatus done = later.containers().get(0);
        assertThat(terminated(done).getReason()).isEqualTo("Completed");
        assertThat(done.getRestartCount()).isZero();
        assertThat(done.getLastState()).isNull();
        assertThat(done.getContainerID()).isEqualTo(doneId);
        assertThatThrownBy(() -> shared.fixture().runtime.logs(request(pod, "done", PREVIOUS)))
                .isInstanceOf(PodNotFoundException.class).hasMessageEndingWith("has no previous instance");
        shared.fixture().runtime.delete(pod);
    }

    @Test
    void neverReportsAFailedContainerTerminatedWithoutRestarts() {
        Pod pod = withPolicy("Never", List.of(), shell("main", "exit 4"));
        shared.fixture().create(pod);

        ContainerStatus main = shared.fixture().awaitStatus(pod, status -> terminated(main(status)) != null).containers().get(0);

        assertThat(terminated(main).getExitCode()).isEqualTo(4);
        assertThat(terminated(main).getReason()).isEqualTo("Error");
        assertThat(main.getRestartCount()).isZero();
        assertThat(main.getLastState()).isNull();
        shared.fixture().runtime.delete(pod);
    }

    @Test
    void aFailedInitContainerRunsAgainUnderOnFailureWhileThePodInitializesAndThenTheMainContainerRuns()
            throws IOException {
        Pod pod = withState("OnFailure", List.of(counting("setup", "[ $n -ge 2 ]")), shell("main", "echo main"));
        shared.fixture().create(pod);

        PodStatus pausing = shared.fixture().awaitStatus(pod, status -> pauses(status.initContainers().get(0)));
        ContainerStatus setup = pausing.initContainers().get(0);
        assertThat(waiting(setup).getReason()).isEqualTo("CrashLoopBackOff");
        assertThat(waiting(setup).getMessage()).isEqualTo("back-off 1s restarting failed container=setup pod=tests/flaky");
        assertThat(lastRun(setup).getExitCode()).isEqualTo(1);
        assertThat(setup.getRestartCount()).isZero();
        assertThat(waiting(main(pausing)).getReason()).isEqualTo("PodInitializing");

        PodStatus done = shared.fixture().awaitStatus(pod, status -> terminated(main(status)) != null);
        assertThat(terminated(done.initContainers().get(0)).getReason()).isEqualTo("Completed");
        assertThat(done.initContainers().get(0).getRestartCount()).isEqualTo(1);
        assertThat(terminated(main(done)).getReason()).isEqualTo("Completed");
        assertThat(logs(pod, "setup", PREVIOUS)).isEqualTo("run 1\n");
        assertThat(logs(pod, "main", LogOptions.DEFAULTS)).isEqualTo("main\n");
        shared.fixture().runtime.delete(pod);
    }

    @Test
    void aDeleteDuringThePauseEndsItAtOnceAndLeavesNothing() throws IOException {
        try (RuntimeFixture patient = RuntimeFixture.withFirstRestartPause(Duration.ofMinutes(1))) {
            Pod pod = withPolicy("OnFailure", List.of(), shell("main", "exit 1"));
            CreateResponse created = patient.create(pod);
            ContainerStatus pausing = patient.awaitStatus(pod, status -> pauses(main(status)))
                    .containers().get(0);
            assertThat(waiting(pausing).getMessage())
                    .isEqualTo("back-off 1m0s restarting failed container=main pod=tests/flaky");

            long deleting = System.nanoTime();
            patient.runtime.delete(pod);
            patient.awaitNothingLeftOf(pod, created.podJid());

            assertThat(Duration.ofNanos(System.nanoTime() - deleting)).as("well within the 1 min pause")
                    .isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void aRestartReplacesALeftoverThatHoldsItsNameAsACreateWhoseAnswerWasLostLeavesIt() throws IOException {
        try (RuntimeFixture patient = RuntimeFixture.withFirstRestartPause(Duration.ofSeconds(5))) {
            Pod pod = withState("OnFailure", List.of(), counting("main", "[ $n -ge 2 ]"));
            CreateResponse created = patient.create(pod);
            patient.awaitStatus(pod, status -> pauses(main(status)));

            try (DockerClient inner = patient.innerEngine(created.podJid())) {
                inner.createContainerCmd(RuntimeFixture.BUSYBOX).withName("main_1").withCmd("true").exec();
            }

            ContainerStatus done = patient.awaitStatus(pod, status -> terminated(main(status)) != null)
                    .containers().get(0);
            assertThat(terminated(done).getReason()).isEqualTo("Completed");
            assertThat(done.getRestartCount()).isEqualTo(1);
            assertThat(patient.logs(pod, "main", LogOptions.DEFAULTS)).isEqualTo("run 2\n");
        }
    }

    @Test
    void aContainerThatCannotBeCreatedWaitsUnderAlwaysAndIsTriedAgainAfterPausesThatDouble() {
        Pod pod = withPolicy("Always", List.of(), new ContainerBuilder(shell("main", "sleep 3600"))
                .withNewResources().addToLimits("memory", new Quantity("1Mi")).endResources().build());
        shared.fixture().create(pod);

        ContainerStatus retried = shared.fixture().awaitStatus(pod, status -> waiting(main(status)) != null
                && waiting(main(status)).getMessage().endsWith("trying again in 2 s")).containers().get(0);

        assertThat(waiting(retried).getReason()).isEqualTo("CreateContainerError");
        assertThat(waiting(retried).getMessage()).contains("Minimum memory limit");
        assertThat(retried.getState().getTerminated()).isNull();
        shared.fixture().runtime.delete(pod);
    }

    @Test
    void aContainerThatCannotBeCreatedEndsUnderNever() {
        Pod pod = withPolicy("Never", List.of(), new ContainerBuilder(shell("main", "sleep 3600"))
                .withNewResources().addToLimits("memory", new Quantity("1Mi")).endResources().build());
        shared.fixture().create(pod);

        ContainerStatus ended = shared.fixture().awaitStatus(pod, status -> terminated(main(status)) != null)
                .containers().get(0);

        assertThat(terminated(ended).getReason()).isEqualTo("CreateContainerError");
        assertThat(terminated(ended).getMessage()).contains("Minimum memory limit");
        shared.fixture().runtime.delete(pod);
    }

    /** A pod named flaky with this restart policy, or none. */
    private static Pod withPolicy(String restartPolicy, List<Container> initContainers, Container... containers) {
        return new PodBuilder(pod("flaky", initContainers, List.of(containers)))
                .editSpec().withRestartPolicy(restartPolicy).endSpec().build();
    }

    /** A pod whose containers mount an emptyDir at /state, which outlives their runs. */
    private static Pod withState(String restartPolicy, List<Container> initContainers, Container... containers) {
        return new PodBuilder(withPolicy(restartPolicy, initContainers, containers))
                .editSpec().addNewVolume().withName("state").withNewEmptyDir().endEmptyDir().endVolume().endSpec()
                .build();
    }

    /** A container that counts its runs in /state, prints {@code run <n>}, and exits as the test of $n says. */
    private static Container counting(String name, String test) {
        return new ContainerBuilder(shell(name, "n=$(( $(cat /state/runs 2>/dev/null || echo 0) + 1 ));"
                + " echo $n > /state/runs; echo run $n; " + test))
                .addNewVolumeMount().withName("state").withMountPath("/state").endVolumeMount()
                .build();
    }

    private static ContainerStatus main(PodStatus status) {
        return status.containers().get(0);
    }

    /** Whether the container waits to run again. */
    private static boolean pauses(ContainerStatus status) {
        return waiting(status) != null && "CrashLoopBackOff".equals(waiting(status).getReason());
    }

    private static ContainerStateWaiting waiting(ContainerStatus status) {
        return status.getState().getWaiting();
    }

    private static ContainerStateTerminated terminated(ContainerStatus status) {
        return status.getState().getTerminated();
    }

    private static ContainerStateTerminated lastRun(ContainerStatus status) {
        return status.getLastState().getTerminated();
    }

    private static LogRequest request(Pod pod, String container, LogOptions options) {
        return new LogRequest("tests", pod.getMetadata().getUid(), pod.getMetadata().getName(), container, options);
    }

    private static String logs(Pod pod, String container, LogOptions options) throws IOException {
        return shared.fixture().logs(pod, container, options);
    }
}
