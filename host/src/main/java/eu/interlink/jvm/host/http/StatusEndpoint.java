package eu.interlink.jvm.host.http;

import eu.interlink.jvm.api.runtime.PodRuntime;
import eu.interlink.jvm.api.wire.NodeResources;
import eu.interlink.jvm.api.wire.PingResponse;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.api.wire.WireFormat;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.io.IOException;
import java.util.List;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /status}: the status of each pod asked for, or, for {@code []} or no body, the health ping.
 *
 * <p>A pod whose status the runtime fails to give does not fail the others: it is answered with every container
 * of its spec {@code waiting} with reason {@value #UNAVAILABLE}, since an empty container list would make interLink
 * mark the pod Succeeded.
 */
final class StatusEndpoint {

    static final String UNAVAILABLE = "StatusUnavailable";

    private static final Logger LOG = LoggerFactory.getLogger(StatusEndpoint.class);

    private final PodRuntime runtime;
    private final WireFormat wire;
    private final BodyReader bodies;
    private final JsonReplies replies;

    StatusEndpoint(PodRuntime runtime, WireFormat wire, BodyReader bodies, JsonReplies replies) {
        this.runtime = runtime;
        this.wire = wire;
        this.bodies = bodies;
        this.replies = replies;
    }

    void serve(Request request, Response response, Callback callback) throws IOException {
        byte[] body = bodies.read(request);
        List<Pod> pods = body.length == 0 ? List.of() : wire.readPods(body);
        Object reply = pods.isEmpty() ? ping() : pods.stream().map(this::status).toList();
        replies.send(response, callback, HttpStatus.OK_200, reply);
    }

    private PingResponse ping() {
        NodeResources capacity;
        try {
            capacity = runtime.capacity();
        } catch (RuntimeException e) {
            // A failed ping makes the node NotReady and evicts its pods: leave the capacity out instead.
            LOG.warn("the runtime cannot tell its capacity; the ping leaves it out", e);
            capacity = NodeResources.UNKNOWN;
        }
        return new PingResponse("ok", capacity.isUnknown() ? null : capacity, null);
    }

    private PodStatus status(Pod pod) {
        try {
            return runtime.status(pod);
        } catch (RuntimeException e) {
            ObjectMeta metadata = pod.getMetadata();
            LOG.warn("the status of pod {}/{} ({}) is unavailable", metadata.getNamespace(), metadata.getName(),
                    metadata.getUid(), e);
            return unavailable(pod, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static PodStatus unavailable(Pod pod, String message) {
        ObjectMeta metadata = pod.getMetadata();
        PodSpec spec = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
        return new PodStatus(metadata.getName(), metadata.getUid(), metadata.getNamespace(), null,
                waiting(spec.getContainers(), message), waiting(spec.getInitContainers(), message));
    }

    private static List<ContainerStatus> waiting(List<Container> containers, String message) {
        return containers == null ? List.of() : containers.stream()
                .map(container -> new ContainerStatusBuilder()
                        .withName(container.getName())
                        .withImage(container.getImage())
                        .withReady(false)
                        .withRestartCount(0)
                        .withNewState().withNewWaiting().withReason(UNAVAILABLE).withMessage(message).endWaiting()
                        .endState()
                        .build())
                .toList();
    }
}
