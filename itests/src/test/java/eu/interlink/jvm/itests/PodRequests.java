package eu.interlink.jvm.itests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request bodies shaped as the Go interLink API server writes them, nulls and all. */
final class PodRequests {

    static final String BUSYBOX = "interlink-jvm/busybox:local";

    private static final ObjectMapper JSON = new ObjectMapper();

    private PodRequests() {
    }

    /** A pod with one busybox container that runs {@code sh -c script}. */
    static Pod shellPod(String name, String script) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace("itests").withUid(UUID.randomUUID().toString()).endMetadata()
                .withNewSpec()
                .addNewContainer().withName("app").withImage(BUSYBOX).withImagePullPolicy("IfNotPresent")
                .withCommand("sh", "-c", script).endContainer()
                .withRestartPolicy("Never")
                .endSpec()
                .build();
    }

    /** The {@code /create} body of interLink 0.5 and later: one object. */
    static String create(Pod pod) {
        return write(retrieved(pod, Map.of()));
    }

    /** The same, each container's entry carrying the ConfigMaps and Secrets it uses, as interLink sends them. */
    static String create(Pod pod, Map<String, List<HasMetadata>> objectsByContainer) {
        return write(retrieved(pod, objectsByContainer));
    }

    /** The {@code /create} body of interLink 0.3 and 0.4: a one-element array. */
    static String createAsArray(Pod pod) {
        return write(List.of(retrieved(pod, Map.of())));
    }

    /** A {@code /status} body for these pods, each carrying the JobID annotation the virtual kubelet adds. */
    static String status(Pod pod, String jobId) {
        Pod known = new PodBuilder(pod).editMetadata().addToAnnotations("JobID", jobId).endMetadata().build();
        return write(List.of(known));
    }

    static String logs(Pod pod, String container, boolean follow) {
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("Tail", 0);
        opts.put("Bytes", 0);
        opts.put("Timestamps", false);
        opts.put("Follow", follow);
        opts.put("Previous", false);
        opts.put("SinceSeconds", 0);
        opts.put("SinceTime", "0001-01-01T00:00:00Z");
        return write(Map.of("Namespace", pod.getMetadata().getNamespace(), "PodUID", pod.getMetadata().getUid(),
                "PodName", pod.getMetadata().getName(), "ContainerName", container, "Opts", opts));
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> retrieved(Pod pod, Map<String, List<HasMetadata>> objectsByContainer) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pod", pod);
        body.put("container", pod.getSpec().getContainers().stream().map(c -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            List<HasMetadata> objects = objectsByContainer.get(c.getName());
            entry.put("name", c.getName());
            entry.put("configMaps", objects == null ? null : objects.stream().filter(ConfigMap.class::isInstance).toList());
            entry.put("projectedvolumemaps", null);
            entry.put("secrets", objects == null ? null : objects.stream().filter(Secret.class::isInstance).toList());
            entry.put("emptyDirs", null);
            return entry;
        }).toList());
        body.put("jobConfig", Map.of("SingularityHubProxy", Map.of("server", "", "master_token", "")));
        return body;
    }
}
