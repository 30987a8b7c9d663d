package eu.interlink.jvm.host.http;

import eu.interlink.jvm.api.runtime.PodRuntime;
import eu.interlink.jvm.api.runtime.Readiness;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code GET /healthz} (the process serves) and {@code GET /readyz} (the runtime can start pods promptly). */
final class HealthEndpoints {

    private final PodRuntime runtime;
    private final JsonReplies replies;

    HealthEndpoints(PodRuntime runtime, JsonReplies replies) {
        this.runtime = runtime;
        this.replies = replies;
    }

    void live(Request request, Response response, Callback callback) {
        replies.send(response, callback, HttpStatus.OK_200, new Live("ok"));
    }

    void ready(Request request, Response response, Callback callback) {
        Readiness readiness = runtime.readiness();
        if (readiness.ready()) {
            replies.send(response, callback, HttpStatus.OK_200, new Ready("ready", readiness.detail()));
        } else {
            replies.send(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, new Ready("not ready", readiness.detail()));
        }
    }

    record Live(String status) {
    }

    record Ready(String status, String detail) {
    }
}
