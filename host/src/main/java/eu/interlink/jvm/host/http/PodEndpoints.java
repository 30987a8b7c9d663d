package eu.interlink.jvm.host.http;

import eu.interlink.jvm.api.runtime.PodRuntime;
import eu.interlink.jvm.api.wire.WireFormat;
import java.io.IOException;
import java.util.List;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code POST /create} and {@code POST /delete}: hand a pod to the runtime, or take it away. */
final class PodEndpoints {

    private final PodRuntime runtime;
    private final WireFormat wire;
    private final BodyReader bodies;
    private final JsonReplies replies;

    PodEndpoints(PodRuntime runtime, WireFormat wire, BodyReader bodies, JsonReplies replies) {
        this.runtime = runtime;
        this.wire = wire;
        this.bodies = bodies;
        this.replies = replies;
    }

    /** Creates the pod and answers {@code {"PodUID":..,"PodJID":..}}, whichever form the request had. */
    void create(Request request, Response response, Callback callback) throws IOException {
        replies.send(response, callback, HttpStatus.OK_200, runtime.create(wire.readCreateRequest(bodies.read(request))));
    }

    /** Deletes the pod and answers {@code []}, which interLink 0.4 and 0.5 parse without complaint. */
    void delete(Request request, Response response, Callback callback) throws IOException {
        runtime.delete(wire.readPod(bodies.read(request)));
        replies.send(response, callback, HttpStatus.OK_200, List.of());
    }
}
