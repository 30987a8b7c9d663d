package eu.interlink.jvm.host.http;

import eu.interlink.jvm.api.runtime.LogStream;
import eu.interlink.jvm.api.runtime.PodRuntime;
import eu.interlink.jvm.api.wire.LogRequest;
import eu.interlink.jvm.api.wire.WireFormat;
import java.io.IOException;
import java.io.OutputStream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /getLogs}: a container's log as plain text, streamed for as long as the runtime writes it.
 *
 * <p>The log is opened before anything is sent, so an unknown pod still gets a 404. With {@code Follow}, the headers
 * go out at once (interLink waits at most 120 s for them), each flush by the runtime reaches the client at once, and
 * Jetty's idle timeout is ignored while no write is pending, so a quiet container does not cut the stream. A write
 * to a client that went away fails, which stops the runtime.
 */
final class LogsEndpoint {

    private static final String TEXT_PLAIN = "text/plain; charset=utf-8";

    private final PodRuntime runtime;
    private final WireFormat wire;
    private final BodyReader bodies;

    LogsEndpoint(PodRuntime runtime, WireFormat wire, BodyReader bodies) {
        this.runtime = runtime;
        this.wire = wire;
        this.bodies = bodies;
    }

    void serve(Request request, Response response, Callback callback) throws IOException {
        LogRequest logRequest = wire.readLogRequest(bodies.read(request));
        LogStream log = runtime.logs(logRequest);
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, TEXT_PLAIN);
        OutputStream body = Response.asBufferedOutputStream(request, response);
        if (logRequest.options().follow()) {
            // Returning false ignores the timeout; a pending write still fails on it, so a stuck client is dropped.
            request.addIdleTimeoutListener(timeout -> false);
            body.flush();
        }
        log.writeTo(body);
        body.close();
        callback.succeeded();
    }
}
