package eu.interlink.jvm.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyWritingTest {

    private final WireFormat wire = new WireFormat();

    private JsonNode written(Object value) throws IOException {
        return wire.mapper().readTree(wire.write(value));
    }

    @Test
    void writesTheCreateAnswerWithTheExactKeysTheVirtualKubeletReads() throws IOException {
        JsonNode json = written(new CreateResponse("0f1c-uid", "5d2c9a7e1b3f"));

        assertThat(json.size()).isEqualTo(2);
        assertThat(json.get("PodUID").asText()).isEqualTo("0f1c-uid");
        assertThat(json.get("PodJID").asText()).isEqualTo("5d2c9a7e1b3f");
    }

    @Test
    void writesAPodStatusFieldByField() throws IOException {
        ContainerStatus init = new ContainerStatusBuilder()
                .withName("fetch").withImage("busybox:1.36").withImageID("").withReady(false).withRestartCount(0)
                .withNewState().withNewTerminated()
                .withExitCode(0).withReason("Completed")
                .withStartedAt(KubeTime.format(Instant.parse("2026-07-14T09:59:50Z")))
                .withFinishedAt(KubeTime.format(Instant.parse("2026-07-14T09:59:58.75Z")))
                .endTerminated().endState().build();
        ContainerStatus running = new ContainerStatusBuilder()
                .withName("main").withImage("python:3.12").withImageID("").withReady(true).withRestartCount(2)
                .withContainerID("docker://abc")
                .withNewState().withNewRunning().withStartedAt(KubeTime.format(Instant.parse("2026-07-14T10:00:00Z")))
                .endRunning().endState().build();

        JsonNode json = written(List.of(new PodStatus("train-7f9c", "0f1c-uid", "team-a", "5d2c9a7e1b3f",
                List.of(running), List.of(init)))).get(0);

        assertThat(json.get("name").asText()).isEqualTo("train-7f9c");
        assertThat(json.get("UID").asText()).isEqualTo("0f1c-uid");
        assertThat(json.get("namespace").asText()).isEqualTo("team-a");
        assertThat(json.get("JID").asText()).isEqualTo("5d2c9a7e1b3f");
        JsonNode main = json.get("containers").get(0);
        assertThat(main.get("name").asText()).isEqualTo("main");
        assertThat(main.get("ready").asBoolean()).isTrue();
        assertThat(main.get("restartCount").asInt()).isEqualTo(2);
        assertThat(main.get("image").asText()).isEqualTo("python:3.12");
        assertThat(main.get("containerID").asText()).isEqualTo("docker://abc");
        assertThat(main.at("/state/running/startedAt").asText()).isEqualTo("2026-07-14T10:00:00Z");
        JsonNode terminated = json.get("initContainers").get(0).at("/state/terminated");
        assertThat(terminated.get("exitCode").asInt()).isZero();
        assertThat(terminated.get("reason").asText()).isEqualTo("Completed");
        assertThat(terminated.get("startedAt").asText()).isEqualTo("2026-07-14T09:59:50Z");
        assertThat(terminated.get("finishedAt").asText()).isEqualTo("2026-07-14T09:59:58Z");
    }

    @Test
    void neverWritesAnEmptyTimestamp() throws IOException {
        ContainerStatus waiting = new ContainerStatusBuilder().withName("main").withReady(false).withRestartCount(0)
                .withNewState().withNewRunning().withStartedAt(KubeTime.format(null)).endRunning().endState()
                .build();

        JsonNode json = written(new PodStatus("p", "u", "ns", "j", List.of(waiting), null));

        assertThat(json.at("/containers/0/state/running").has("startedAt")).isFalse();
        assertThat(new String(wire.write(waiting))).doesNotContain("\"\"");
    }

    @Test
    void writesEmptyContainerListsRatherThanNull() throws IOException {
        JsonNode json = written(new PodStatus("p", "u", "ns", "j", null, null));

        assertThat(json.get("containers").isArray()).isTrue();
        assertThat(json.get("initContainers").isArray()).isTrue();
    }

    @Test
    void writesAPingWithOnlyWhatIsKnown() throws IOException {
        JsonNode unknown = written(new PingResponse("ok", null, null));
        assertThat(unknown.size()).isEqualTo(1);
        assertThat(unknown.get("status").asText()).isEqualTo("ok");

        JsonNode partial = written(new PingResponse("ok", new NodeResources("16", null, null, null), null));
        assertThat(partial.get("resources").size()).isEqualTo(1);
        assertThat(partial.at("/resources/cpu").asText()).isEqualTo("16");

        JsonNode full = written(new PingResponse("ok",
                new NodeResources("128", "512Gi", "1000", List.of(new AcceleratorAvailability("nvidia.com/gpu", "8"))),
                List.of(new TaintBuilder().withKey("vendor.io/maintenance").withValue("true").withEffect("NoSchedule")
                        .build())));
        assertThat(full.at("/resources/memory").asText()).isEqualTo("512Gi");
        assertThat(full.at("/resources/pods").asText()).isEqualTo("1000");
        assertThat(full.at("/resources/accelerators/0/resourceType").asText()).isEqualTo("nvidia.com/gpu");
        assertThat(full.at("/resources/accelerators/0/available").asText()).isEqualTo("8");
        assertThat(full.at("/taints/0/effect").asText()).isEqualTo("NoSchedule");
    }

    @Test
    void knowsWhenNothingAboutTheNodeIsKnown() {
        assertThat(NodeResources.UNKNOWN.isUnknown()).isTrue();
        assertThat(new NodeResources(null, "1Gi", null, null).isUnknown()).isFalse();
    }

    @Test
    void writesLogOptionsBackAsGoReadsThem() throws IOException {
        JsonNode unset = written(LogOptions.DEFAULTS);
        assertThat(unset.get("SinceTime").asText()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(unset.get("Bytes").asLong()).isZero();

        LogOptions since = new LogOptions(0, 0, true, false, false, 0, Instant.parse("2026-07-14T10:00:00Z"));
        assertThat(written(since).get("SinceTime").asText()).isEqualTo("2026-07-14T10:00:00Z");
        assertThat(wire.mapper().readValue(wire.write(since), LogOptions.class)).isEqualTo(since);
    }
}
