package eu.interlink.jvm.host.http;

import eu.interlink.jvm.api.wire.WireFormat;
import eu.interlink.jvm.host.access.BearerToken;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Lets a request through only when it presents the token as {@code Authorization: Bearer <token>}; any other gets
 * 401 {@code {"error":"..."}} with {@code WWW-Authenticate: Bearer}.
 *
 * <p>{@code /healthz} and {@code /readyz} stay open: Kubernetes probes and load balancers call them without
 * credentials, and they tell nothing about the pods. {@code /metrics} does tell (how many pods run, how often
 * they fail), so a scraper must send the token too.
 */
public final class BearerAuthentication extends Handler.Wrapper {

    private static final Set<String> OPEN = Set.of("/healthz", "/readyz");

    private final BearerToken token;
    private final JsonReplies replies;

    /**
     * @param token   the token to ask for
     * @param wire    the wire format, for the error reply
     * @param handler what serves the requests let through
     */
    public BearerAuthentication(BearerToken token, WireFormat wire, Handler handler) {
        super(handler);
        this.token = token;
        this.replies = new JsonReplies(wire);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (OPEN.contains(Request.getPathInContext(request))
                || token.admits(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            return super.handle(request, response, callback);
        }
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
        replies.sendError(request, response, callback, HttpStatus.UNAUTHORIZED_401,
                "this plugin asks for Authorization: Bearer with the token of its AuthTokenFile");
        return true;
    }
}
