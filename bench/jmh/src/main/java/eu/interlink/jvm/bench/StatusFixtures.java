package eu.interlink.jvm.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.interlink.jvm.api.wire.KubeTime;
import eu.interlink.jvm.api.wire.PodStatus;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The data of one {@code /status} round at scale: the request the virtual kubelet sends and the answer the Docker
 * runtime gives, for a number of pods with two containers each.
 */
final class StatusFixtures {

    private static final Instant STARTED = Instant.parse("2026-07-14T09:59:08Z");
    private static final SpecContainer MAIN = new SpecContainer("main", "registry.example.org/ml/train:3.12",
            "4f2a9c1d7e3b5a6f8c0d2e4f6a8b0c1d3e5f7a9b1c3d5e7f9a0b2c4d6e8f0a1b");
    private static final SpecContainer UPLOADER = new SpecContainer("uploader",
            "registry.example.org/tools/uploader:1.4",
            "0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c");

    private StatusFixtures() {
    }

    /**
     * The {@code GET /status} body for {@code count} pods: each a copy of {@code status-request-pod.json} (a job pod
     * as the virtual kubelet sends it, with the statuses of {@link #answer}) with its own name and UID.
     */
    static byte[] request(int count) {
        ObjectMapper json = JsonMapper.builder().build();
        ObjectNode template = readTemplate(json);
        ArrayNode pods = json.createArrayNode();
        for (int i = 0; i < count; i++) {
            ObjectNode pod = template.deepCopy();
            ObjectNode metadata = (ObjectNode) pod.get("metadata");
            metadata.put("name", podName(i));
            metadata.put("uid", podUid(i));
            pods.add(pod);
        }
        try {
            return json.writeValueAsBytes(pods);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The {@code GET /status} answer for {@code count} pods, as the Docker runtime builds it: per pod one container
     * running and one that ended with an error after two restarts.
     */
    static List<PodStatus> answer(int count) {
        List<PodStatus> statuses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            statuses.add(new PodStatus(podName(i), podUid(i), "team-a", String.format("%012x", i),
                    List.of(running(i), failed(i)), List.of()));
        }
        return statuses;
    }

    private static ContainerStatus running(int pod) {
        return container(pod, 0, MAIN, 0, true)
                .withNewState().withNewRunning(KubeTime.format(STARTED)).endState()
                .build();
    }

    private static ContainerStatus failed(int pod) {
        return container(pod, 1, UPLOADER, 2, false)
                .withNewState().withNewTerminated()
                .withExitCode(1)
                .withReason("Error")
                .withMessage("upload failed: connection refused")
                .withStartedAt(KubeTime.format(STARTED.plusSeconds(60)))
                .withFinishedAt(KubeTime.format(STARTED.plusSeconds(65)))
                .endTerminated().endState()
                .build();
    }

    /** What the runtime tells of every container besides its state. */
    private static ContainerStatusBuilder container(int pod, int index, SpecContainer spec, int restarts,
            boolean running) {
        return new ContainerStatusBuilder()
                .withName(spec.name())
                .withImage(spec.image())
                .withImageID("docker://sha256:" + spec.digest())
                .withContainerID("docker://" + String.format("%032x%032x", pod, index))
                .withRestartCount(restarts)
                .withReady(running)
                .withStarted(running);
    }

    private static ObjectNode readTemplate(ObjectMapper json) {
        try (InputStream in = StatusFixtures.class.getResourceAsStream("/status-request-pod.json")) {
            return (ObjectNode) json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String podName(int pod) {
        return String.format("train-%05d", pod);
    }

    private static String podUid(int pod) {
        return new UUID(0x0f1c2d3e4a5b4c7dL, 0x8e9f000000000000L + pod).toString();
    }

    /** A container of the pod's spec, with the digest of its image. */
    private record SpecContainer(String name, String image, String digest) {
    }
}
