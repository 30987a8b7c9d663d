package eu.interlink.jvm.host.http;

import eu.interlink.jvm.api.runtime.PodRuntime;
import eu.interlink.jvm.api.wire.WireFormat;
import eu.interlink.jvm.host.metrics.PluginMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The interLink plugin API over a {@link PodRuntime}: routes each request to its endpoint and turns every failure
 * into a JSON error reply.
 *
 * <pre>
 *   POST /create          ─► runtime.create     200 {"PodUID":..,"PodJID":..}
 *   POST /delete          ─► runtime.delete     200 []
 *   GET  /status  [pods]  ─► runtime.status     200 [PodStatus, ...]
 *   GET  /status  []      ─► runtime.capacity   200 {"status":"ok","resources":{..}}   (the health ping)
 *   GET  /getLogs         ─► runtime.logs       200 text/plain, streamed with Follow
 *   GET  /healthz                               200 {"status":"ok"}
 *   GET  /readyz          ─► runtime.readiness  200 or 503 {"status":..,"detail":..}
 *   GET  /metrics         ─► metrics.scrape     200 text/plain; version=0.0.4 (Prometheus' text format)
 * </pre>
 *
 * <p>{@code /status} and {@code /getLogs} take their JSON body with GET, as interLink sends it, or with POST.
 * Errors are {@code {"error":"..."}}: 400 for a body that is not the wire format or a pod the runtime refuses, 404
 * for an unknown path or pod, 405 for a wrong method, 413 for a body over the limit, 500 otherwise.
 */
public final class PluginHandler extends Handler.Abstract {

    private static final List<String> POST = List.of("POST");
    private static final List<String> GET = List.of("GET");
    private static final List<String> GET_OR_POST = List.of("GET", "POST");

    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final JsonReplies replies;
    private final ExceptionReplies failures;

    /**
     * @param runtime         the runtime that serves the pods; not closed by this handler
     * @param wire            the wire format
     * @param maxRequestBytes the largest request body accepted
     * @param metrics         the meters {@code /metrics} exports; not closed by this handler
     */
    public PluginHandler(PodRuntime runtime, WireFormat wire, int maxRequestBytes, PluginMetrics metrics) {
        this.replies = new JsonReplies(wire);
        this.failures = new ExceptionReplies(replies);
        BodyReader bodies = new BodyReader(maxRequestBytes);
        PodEndpoints pods = new PodEndpoints(runtime, wire, bodies, replies);
        HealthEndpoints health = new HealthEndpoints(runtime, replies);
        routes.put("/create", new Route(POST, pods::create));
        routes.put("/delete", new Route(POST, pods::delete));
        routes.put("/status", new Route(GET_OR_POST, new StatusEndpoint(runtime, wire, bodies, replies)::serve));
        routes.put("/getLogs", new Route(GET_OR_POST, new LogsEndpoint(runtime, wire, bodies)::serve));
        routes.put("/healthz", new Route(GET, health::live));
        routes.put("/readyz", new Route(GET, health::ready));
        routes.put("/metrics", new Route(GET, new MetricsEndpoint(metrics)::serve));
    }

    /** The paths it serves. */
    public Set<String> paths() {
        return Set.copyOf(routes.keySet());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        Route route = routes.get(path);
        if (route == null) {
            replies.sendError(request, response, callback, HttpStatus.NOT_FOUND_404,
                    "no endpoint at " + path + "; the plugin serves " + String.join(", ", routes.keySet()));
        } else if (!route.methods().contains(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", route.methods()));
            replies.sendError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405,
                    request.getMethod() + " is not allowed on " + path + "; use " + String.join(" or ", route.methods()));
        } else {
            try {
                route.endpoint().serve(request, response, callback);
            } catch (Exception failure) {
                failures.reply(request, response, callback, failure);
            }
        }
        return true;
    }

    private record Route(List<String> methods, Endpoint endpoint) {
    }
}
