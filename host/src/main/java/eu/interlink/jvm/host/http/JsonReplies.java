package eu.interlink.jvm.host.http;

import eu.interlink.jvm.api.wire.WireFormat;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes whole JSON replies, and every error as a short {@code {"error":"..."}}. */
final class JsonReplies {

    /** The request attribute that holds the error message sent, for the request log. */
    static final String ERROR_ATTRIBUTE = JsonReplies.class.getName() + ".error";

    private final WireFormat wire;

    JsonReplies(WireFormat wire) {
        this.wire = wire;
    }

    /** Sends {@code value} as the whole body, and completes {@code callback} when it is written. */
    void send(Response response, Callback callback, int status, Object value) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON.asString());
        response.write(true, ByteBuffer.wrap(wire.write(value)), callback);
    }

    /** Sends an error reply whose message is one line for interLink to relay. */
    void sendError(Request request, Response response, Callback callback, int status, String message) {
        request.setAttribute(ERROR_ATTRIBUTE, message);
        send(response, callback, status, new ErrorReply(message));
    }

    record ErrorReply(String error) {
    }
}
