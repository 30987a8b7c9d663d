package eu.interlink.jvm.host.http;

import eu.interlink.jvm.host.metrics.PluginMetrics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code GET /metrics}: every meter of the plugin, in Prometheus' text format. */
final class MetricsEndpoint {

    private final PluginMetrics metrics;

    MetricsEndpoint(PluginMetrics metrics) {
        this.metrics = metrics;
    }

    void serve(Request request, Response response, Callback callback) {
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, PluginMetrics.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(metrics.scrape().getBytes(StandardCharsets.UTF_8)), callback);
    }
}
