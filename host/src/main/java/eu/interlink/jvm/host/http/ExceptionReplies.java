package eu.interlink.jvm.host.http;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.api.runtime.PodNotFoundException;
import eu.interlink.jvm.api.runtime.RuntimeUnavailableException;
import eu.interlink.jvm.api.wire.WireFormatException;
import java.io.IOException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what an endpoint threw into an error reply: 400 for a bad body or pod, 404 for an unknown pod, the
 * status of an HTTP exception (413 for a body over the limit), and 500 with a generic message, the stack trace
 * logged, for anything else. Once the response is committed nothing can be replied, and the response is aborted.
 */
final class ExceptionReplies {

    static final String INTERNAL_ERROR = "internal error in the plugin; its log has the details";

    private static final Logger LOG = LoggerFactory.getLogger(ExceptionReplies.class);

    private final JsonReplies replies;

    ExceptionReplies(JsonReplies replies) {
        this.replies = replies;
    }

    void reply(Request request, Response response, Callback callback, Exception failure) {
        if (response.isCommitted() || failure instanceof EofException) {
            abort(request, callback, failure);
        } else if (failure instanceof WireFormatException || failure instanceof InvalidPodException) {
            replies.sendError(request, response, callback, HttpStatus.BAD_REQUEST_400, failure.getMessage());
        } else if (failure instanceof PodNotFoundException) {
            replies.sendError(request, response, callback, HttpStatus.NOT_FOUND_404, failure.getMessage());
        } else if (failure instanceof RuntimeUnavailableException) {
            replies.sendError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, failure.getMessage());
        } else if (failure instanceof HttpException http) {
            String reason = http.getReason() == null ? HttpStatus.getMessage(http.getCode()) : http.getReason();
            replies.sendError(request, response, callback, http.getCode(), reason);
        } else {
            LOG.error("{} {} failed", request.getMethod(), request.getHttpURI().getPath(), failure);
            replies.sendError(request, response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, INTERNAL_ERROR);
        }
    }

    private static void abort(Request request, Callback callback, Exception failure) {
        if (failure instanceof IOException) {
            LOG.debug("{} {}: the client went away: {}", request.getMethod(), request.getHttpURI().getPath(),
                    failure.toString());
        } else {
            LOG.warn("{} {} failed after the response began; aborting it", request.getMethod(),
                    request.getHttpURI().getPath(), failure);
        }
        callback.failed(failure);
    }
}
