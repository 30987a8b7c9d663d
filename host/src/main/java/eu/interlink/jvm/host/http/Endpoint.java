package eu.interlink.jvm.host.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Serves one path of the plugin API, once {@link PluginHandler} has checked the path and the method. */
@FunctionalInterface
interface Endpoint {

    /**
     * Serves the request: completes {@code callback} once the response is written, or throws. An exception thrown
     * before the response is committed becomes a JSON error reply; one thrown later aborts the response.
     */
    void serve(Request request, Response response, Callback callback) throws Exception;
}
