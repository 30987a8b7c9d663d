package eu.interlink.jvm.host.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;

/**
 * Times each request once its response is complete: {@code interlink.http.requests}, a histogram tagged
 * {@code endpoint} (the path of one of the plugin's endpoints, or {@code other}), {@code method} (a standard HTTP
 * method, or {@code other}) and {@code status}, so that what clients send cannot make the series unbounded.
 */
public final class RequestTimer implements RequestLog {

    private static final String OTHER = "other";
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH",
            "TRACE", "CONNECT");

    private final MeterRegistry registry;
    private final Set<String> endpoints;

    /**
     * @param registry  where the timer is registered
     * @param endpoints the paths the plugin serves
     */
    public RequestTimer(MeterRegistry registry, Set<String> endpoints) {
        this.registry = registry;
        this.endpoints = Set.copyOf(endpoints);
    }

    @Override
    public void log(Request request, Response response) {
        String path = request.getHttpURI().getPath();
        String method = request.getMethod();
        Timer.builder("interlink.http.requests")
                .description("Requests served, by endpoint, method and status, once their response was complete")
                .tag("endpoint", path != null && endpoints.contains(path) ? path : OTHER)
                .tag("method", METHODS.contains(method) ? method : OTHER)
                .tag("status", String.valueOf(response.getStatus()))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry)
                .record(NanoTime.since(request.getBeginNanoTime()), TimeUnit.NANOSECONDS);
    }
}
