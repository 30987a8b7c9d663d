package eu.interlink.jvm.docker.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RestartRuleTest {

    private static final Instant STARTED = Instant.parse("2026-07-14T10:00:00Z");

    private final RestartRule rule = new RestartRule(RestartRule.KUBELET_FIRST_PAUSE);

    private static PodRecord pod(String restartPolicy) {
        Pod pod = new PodBuilder()
                .withNewMetadata().withName("p").withNamespace("ns").withUid("u-1").endMetadata()
                .withNewSpec()
                .addToInitContainers(new ContainerBuilder().withName("init").withImage("busybox").build())
                .addToContainers(new ContainerBuilder().withName("main").withImage("busybox").build())
                .withRestartPolicy(restartPolicy)
                .endSpec()
                .build();
        PodRecord record = new PodRecord(PodIdentity.of(pod), pod, PodPlan.EMPTY, "sandbox-1");
        record.containerCreated("init", "i0");
        record.containerCreated("main", "m0");
        return record;
    }

    private static ContainerSnapshot exited(long exitCode, Duration ranFor) {
        return new ContainerSnapshot("m0", null, "exited", exitCode, false, null, STARTED, STARTED.plus(ranFor));
    }

    private Optional<Duration> pauseAfter(PodRecord pod, String container, long exitCode) {
        return rule.pauseAfter(pod, container, exited(exitCode, Duration.ofSeconds(1)));
    }

    @Test
    void alwaysRestartsARegularContainerAfterAnyExitAndAnInitContainerAfterAFailure() {
        PodRecord pod = pod("Always");

        assertThat(pauseAfter(pod, "main", 0)).contains(Duration.ofSeconds(10));
        assertThat(pauseAfter(pod, "main", 1)).contains(Duration.ofSeconds(10));
        assertThat(pauseAfter(pod, "init", 0)).isEmpty();
        assertThat(pauseAfter(pod, "init", 1)).contains(Duration.ofSeconds(10));
    }

    @Test
    void noPolicyIsAlways() {
        assertThat(pauseAfter(pod(null), "main", 0)).contains(Duration.ofSeconds(10));
    }

    @Test
    void onFailureRestartsAfterAFailureOnly() {
        PodRecord pod = pod("OnFailure");

        assertThat(pauseAfter(pod, "main", 0)).isEmpty();
        assertThat(pauseAfter(pod, "main", 2)).contains(Duration.ofSeconds(10));
        assertThat(pauseAfter(pod, "init", 0)).isEmpty();
        assertThat(pauseAfter(pod, "init", 2)).contains(Duration.ofSeconds(10));
    }

    @Test
    void neverRestartsNothing() {
        PodRecord pod = pod("Never");

        assertThat(pauseAfter(pod, "main", 1)).isEmpty();
        assertThat(pauseAfter(pod, "init", 1)).isEmpty();
    }

    @Test
    void aRunThatLastsIsNotFollowedByAnother() {
        ContainerSnapshot running = new ContainerSnapshot("m0", null, "running", 0, false, null, STARTED, null);

        assertThat(rule.pauseAfter(pod("Always"), "main", running)).isEmpty();
    }

    @Test
    void thePauseDoublesAfterEachRestartUpToFiveMinutes() {
        PodRecord pod = pod("Always");
        List<Duration> pauses = new ArrayList<>();
        for (int restart = 1; restart <= 7; restart++) {
            ContainerSnapshot run = exited(1, Duration.ofSeconds(1));
            Duration pause = rule.pauseAfter(pod, "main", run).orElseThrow();
            pauses.add(pause);
            pod.containerRestarted("main", "m" + restart, run, pause);
        }

        assertThat(pauses).extracting(Duration::toSeconds).containsExactly(10L, 20L, 40L, 80L, 160L, 300L, 300L);
        assertThat(pod.runs("main").orElseThrow().restartCount()).isEqualTo(7);
    }

    @Test
    void aRunOfTenMinutesBringsBackTheFirstPause() {
        PodRecord pod = pod("Always");
        pod.containerRestarted("main", "m1", exited(1, Duration.ofSeconds(1)), Duration.ofSeconds(10));
        pod.containerRestarted("main", "m2", exited(1, Duration.ofSeconds(1)), Duration.ofSeconds(20));

        assertThat(rule.pauseAfter(pod, "main", exited(1, Duration.ofMinutes(9)))).contains(Duration.ofSeconds(40));
        assertThat(rule.pauseAfter(pod, "main", exited(1, Duration.ofMinutes(10)))).contains(Duration.ofSeconds(10));
    }
}
