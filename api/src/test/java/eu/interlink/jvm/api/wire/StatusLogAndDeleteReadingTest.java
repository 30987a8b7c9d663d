package eu.interlink.jvm.api.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusLogAndDeleteReadingTest {

    private final WireFormat wire = new WireFormat();

    @Test
    void readsTheStatusRequestAsPodsWithTheirJobIdAndContainersAndSkipsTheRest() {
        List<Pod> pods = wire.readPods(Fixtures.bytes("status-request.json"));

        assertThat(pods).singleElement().satisfies(pod -> {
            assertThat(pod.getMetadata().getUid()).isEqualTo("0f1c2d3e-4a5b-6c7d-8e9f-0a1b2c3d4e5f");
            assertThat(pod.getMetadata().getAnnotations()).containsEntry("JobID", "5d2c9a7e1b3f");
            assertThat(pod.getMetadata().getName()).isEqualTo("train-7f9c");
            assertThat(pod.getMetadata().getNamespace()).isEqualTo("team-a");
            assertThat(pod.getSpec().getInitContainers()).singleElement().satisfies(init -> {
                assertThat(init.getName()).isEqualTo("fetch");
                assertThat(init.getImage()).isEqualTo("busybox:1.36");
            });
            assertThat(pod.getSpec().getContainers()).singleElement().satisfies(main -> {
                assertThat(main.getName()).isEqualTo("main");
                assertThat(main.getImage()).isEqualTo("python:3.12");
            });
            // Not read, as no status is made of them:
            assertThat(pod.getSpec().getInitContainers().get(0).getCommand()).isEmpty();
            assertThat(pod.getSpec().getContainers().get(0).getEnv()).isEmpty();
            assertThat(pod.getSpec().getContainers().get(0).getVolumeMounts()).isEmpty();
            assertThat(pod.getSpec().getVolumes()).isEmpty();
            assertThat(pod.getMetadata().getManagedFields()).isEmpty();
            assertThat(pod.getStatus()).isNull();
        });
    }

    @Test
    void readsTheHealthPingAsNoPods() {
        assertThat(wire.readPods("[]".getBytes(UTF_8))).isEmpty();
        assertThat(wire.readPods(" [ ]\n".getBytes(UTF_8))).isEmpty();
    }

    @Test
    void namesTheStatusRequestPodThatLacksItsIdentity() {
        String body = "[{\"metadata\":{\"name\":\"a\",\"uid\":\"1\"}},{\"metadata\":{\"name\":\"b\"}}]";

        assertThatThrownBy(() -> wire.readPods(body.getBytes(UTF_8))).hasMessage("[1].metadata.uid: required");
        assertThatThrownBy(() -> wire.readPods("[null]".getBytes(UTF_8))).hasMessage("[0]: expected a pod, got null");
    }

    @Test
    void readsTheDeleteBodyAsOnePod() {
        Pod pod = wire.readPod("{\"metadata\":{\"name\":\"p\",\"namespace\":\"ns\",\"uid\":\"u-9\"}}".getBytes(UTF_8));

        assertThat(pod.getMetadata().getUid()).isEqualTo("u-9");
        assertThatThrownBy(() -> wire.readPod("{\"metadata\":{\"name\":\"p\"}}".getBytes(UTF_8)))
                .hasMessage("metadata.uid: required");
    }

    @Test
    void readsAFollowLogRequestWithGoZeroTimeAsUnset() {
        LogRequest request = wire.readLogRequest(Fixtures.bytes("logs-request-follow.json"));

        assertThat(request.namespace()).isEqualTo("team-a");
        assertThat(request.podUid()).isEqualTo("0f1c2d3e-4a5b-6c7d-8e9f-0a1b2c3d4e5f");
        assertThat(request.podName()).isEqualTo("train-7f9c");
        assertThat(request.containerName()).isEqualTo("main");
        assertThat(request.options())
                .isEqualTo(new LogOptions(100, 0, false, true, false, 0, null));
    }

    @Test
    void readsBytesAndAnOffsetSinceTime() {
        LogOptions options = wire.readLogRequest(Fixtures.bytes("logs-request-since.json")).options();

        assertThat(options.limitBytes()).isEqualTo(2048);
        assertThat(options.timestamps()).isTrue();
        assertThat(options.sinceTime()).isEqualTo(Instant.parse("2026-07-14T08:00:00.123456789Z"));
    }

    @Test
    void readsMissingOptionsAsTheDefaults() {
        LogRequest request = wire.readLogRequest("{\"PodUID\":\"u\",\"ContainerName\":\"c\"}".getBytes(UTF_8));

        assertThat(request.options()).isEqualTo(LogOptions.DEFAULTS);
    }

    @Test
    void namesWhatIsWrongInALogRequest() {
        assertThatThrownBy(() -> wire.readLogRequest("{\"ContainerName\":\"c\"}".getBytes(UTF_8)))
                .hasMessage("PodUID: required");
        assertThatThrownBy(() -> wire.readLogRequest("{\"PodUID\":\"u\"}".getBytes(UTF_8)))
                .hasMessage("ContainerName: required");
        assertThatThrownBy(() -> wire.readLogRequest(
                "{\"PodUID\":\"u\",\"ContainerName\":\"c\",\"Opts\":{\"SinceTime\":\"yesterday\"}}".getBytes(UTF_8)))
                .hasMessage("Opts: SinceTime must be an RFC 3339 time, got 'yesterday'");
        assertThatThrownBy(() -> wire.readLogRequest(
                "{\"PodUID\":\"u\",\"ContainerName\":\"c\",\"Opts\":{\"Tail\":-1}}".getBytes(UTF_8)))
                .hasMessage("Opts: Tail, Bytes and SinceSeconds must not be negative");
        assertThatThrownBy(() -> wire.readLogRequest(
                "{\"PodUID\":\"u\",\"ContainerName\":\"c\",\"Opts\":{\"Follow\":\"yes\"}}".getBytes(UTF_8)))
                .hasMessageStartingWith("Opts.Follow: expected true or false");
    }

    @Test
    void aLogRequestForAPodNamesItByItsMetadata() {
        Pod pod = new PodBuilder().withNewMetadata().withNamespace("ns").withUid("uid-1").withName("p").endMetadata()
                .build();

        assertThat(LogRequest.of(pod, "main", LogOptions.DEFAULTS))
                .isEqualTo(new LogRequest("ns", "uid-1", "p", "main", LogOptions.DEFAULTS));
    }
}
