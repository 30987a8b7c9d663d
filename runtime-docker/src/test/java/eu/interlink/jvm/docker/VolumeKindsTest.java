package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.podOf;
import static org.assertj.core.api.Assertions.assertThat;

import eu.interlink.jvm.api.wire.LogOptions;
import eu.interlink.jvm.api.wire.RetrievedContainer;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Memory emptyDirs, downwardAPI volumes and ConfigMaps' binaryData, on the real engine. */
class VolumeKindsTest {

    @RegisterExtension
    static final SharedRuntime shared = new SharedRuntime(RuntimeFixture::open);

    @Test
    void aMemoryEmptyDirIsATmpfsOfItsSizeLimitThatThePodsContainersShare() throws IOException {
        Pod pod = podOf("memory", """
                restartPolicy: Never
                volumes: [{name: ram, emptyDir: {medium: Memory, sizeLimit: 8Mi}}]
                containers:
                - name: writer
                  image: interlink-jvm/busybox:local
                  command: [sh, -c, "grep ' /fast ' /proc/mounts; echo from writer > /fast/note"]
                  volumeMounts: [{name: ram, mountPath: /fast}]
                - name: reader
                  image: interlink-jvm/busybox:local
                  command: [sh, -c, "until [ -f /shared/note ]; do sleep 0.1; done; cat /shared/note; df -k /shared | tail -1"]
                  volumeMounts: [{name: ram, mountPath: /shared}]
                """);

        shared.fixture().create(pod);

        shared.fixture().awaitAllSucceeded(pod);
        assertThat(logs(pod, "writer")).matches("tmpfs /fast tmpfs rw,[^ ]*size=8192k[^ ]* 0 0\n");
        List<String> reader = logs(pod, "reader").lines().toList();
        assertThat(reader.get(0)).isEqualTo("from writer");
        assertThat(reader.get(1).split("\\s+")[1]).isEqualTo("8192");
    }

    @Test
    void aDownwardApiVolumeHoldsThePodsLabelsAndAnnotationsAsKubeletWritesThem() throws IOException {
        Pod pod = new PodBuilder(podOf("downward", """
                restartPolicy: Never
                volumes:
                - name: info
                  downwardAPI:
                    items:
                    - {path: labels, fieldRef: {fieldPath: metadata.labels}}
                    - {path: annotations, fieldRef: {fieldPath: metadata.annotations}}
                    - {path: name, fieldRef: {fieldPath: metadata.name}}
                    - {path: mem-limit, resourceFieldRef: {containerName: app, resource: limits.memory, divisor: 1Mi}}
                containers:
                - name: app
                  image: interlink-jvm/busybox:local
                  command: [sh, -c, "cat /info/labels; echo; cat /info/annotations; echo; cat /info/name; echo; cat /info/mem-limit"]
                  resources: {limits: {memory: 32Mi}}
                  volumeMounts: [{name: info, mountPath: /info}]
                """)).editMetadata().withLabels(Map.of("tier", "web", "app", "demo"))
                .withAnnotations(Map.of("owner", "team \"a\"")).endMetadata().build();

        shared.fixture().create(pod);

        shared.fixture().awaitAllSucceeded(pod);
        assertThat(logs(pod, "app")).isEqualTo("app=\"demo\"\ntier=\"web\"\nowner=\"team \\\"a\\\"\"\ndownward\n32");
    }

    @Test
    void aConfigMapsBinaryDataArrivesByteForByte() throws IOException, NoSuchAlgorithmException {
        byte[] blob = new byte[256];
        for (int i = 0; i < blob.length; i++) {
            blob[i] = (byte) i;
        }
        Pod pod = podOf("binary", """
                restartPolicy: Never
                volumes: [{name: model, configMap: {name: model}}]
                containers:
                - name: app
                  image: interlink-jvm/busybox:local
                  command: [sh, -c, "md5sum /model/weights.bin; cat /model/README"]
                  volumeMounts: [{name: model, mountPath: /model}]
                """);
        RetrievedContainer objects = new RetrievedContainer("app", List.of(new ConfigMapBuilder()
                .withNewMetadata().withName("model").endMetadata()
                .withData(Map.of("README", "weights"))
                .withBinaryData(Map.of("weights.bin", Base64.getEncoder().encodeToString(blob))).build()),
                List.of(), List.of(), null);

        shared.fixture().create(new RetrievedPodData(pod, List.of(objects)));

        shared.fixture().awaitAllSucceeded(pod);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(blob));
        assertThat(logs(pod, "app")).isEqualTo(md5 + "  /model/weights.bin\nweights");
    }

    private static String logs(Pod pod, String container) throws IOException {
        return shared.fixture().logs(pod, container, LogOptions.DEFAULTS);
    }
}
