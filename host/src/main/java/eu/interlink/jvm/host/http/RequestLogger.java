package eu.interlink.jvm.host.http;

import java.util.Set;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one line per request once its response is complete: method, path, status, duration, interLink's
 * {@value #SESSION_HEADER} trace id, and the error message sent, if any.
 *
 * <p>The calls interLink repeats all the time ({@code /status} every 5 s per pod, the ping every 30 s), the
 * health probes and Prometheus' scrapes are logged at debug level when they succeed; everything else, and any
 * failure, at info level.
 */
public final class RequestLogger implements RequestLog {

    /** The header interLink sets to trace a call from the virtual kubelet to the plugin. */
    public static final String SESSION_HEADER = "InterLink-Http-Session";

    private static final Logger LOG = LoggerFactory.getLogger(RequestLogger.class);
    private static final Set<String> FREQUENT = Set.of("/status", "/healthz", "/readyz", "/metrics");

    @Override
    public void log(Request request, Response response) {
        String path = request.getHttpURI().getPath();
        int status = response.getStatus();
        boolean quiet = path != null && FREQUENT.contains(path) && status < 400;
        if (quiet ? !LOG.isDebugEnabled() : !LOG.isInfoEnabled()) {
            return;
        }
        String session = request.getHeaders().get(SESSION_HEADER);
        Object error = request.getAttribute(JsonReplies.ERROR_ATTRIBUTE);
        String line = String.format("%s %s %d %d ms session=%s%s", request.getMethod(), path, status,
                NanoTime.millisSince(request.getBeginNanoTime()), session == null ? "-" : session,
                error == null ? "" : " error=\"" + error + "\"");
        if (quiet) {
            LOG.debug(line);
        } else {
            LOG.info(line);
        }
    }
}
