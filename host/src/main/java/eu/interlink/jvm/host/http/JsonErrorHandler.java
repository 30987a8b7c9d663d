package eu.interlink.jvm.host.http;

import eu.interlink.jvm.api.wire.WireFormat;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error handler, for the errors Jetty answers itself (a malformed request, headers too large, a failure
 * outside the plugin's handler): the same {@code {"error":"..."}} as every other error, instead of an HTML page.
 */
public final class JsonErrorHandler implements Request.Handler {

    private final JsonReplies replies;

    public JsonErrorHandler(WireFormat wire) {
        this.replies = new JsonReplies(wire);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ErrorHandler.ERROR_STATUS) instanceof Integer code ? code : response.getStatus();
        String message = request.getAttribute(ErrorHandler.ERROR_MESSAGE) instanceof String text && !text.isBlank()
                ? text
                : HttpStatus.getMessage(status);
        replies.sendError(request, response, callback, status, message);
        return true;
    }
}
