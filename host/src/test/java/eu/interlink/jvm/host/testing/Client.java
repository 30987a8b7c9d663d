package eu.interlink.jvm.host.testing;

import com.fasterxml.jackson.databind.JsonNode;
import eu.interlink.jvm.api.wire.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;

/** A real HTTP client for the host under test, sending JSON bodies as interLink does. */
public final class Client implements AutoCloseable {

    private final HttpClient http = new HttpClient();
    private final URI base;

    public Client(URI base) {
        this.base = base;
        try {
            http.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request to {@code path}, with {@code body} as JSON when not null, ready to customise and send. */
    public Request request(String method, String path, String body) {
        Request request = http.newRequest(base.resolve(path)).method(method).timeout(10, TimeUnit.SECONDS);
        return body == null ? request : request.body(new StringRequestContent("application/json", body));
    }

    /** Sends and waits for the whole response. */
    public ContentResponse send(String method, String path, String body) {
        return send(request(method, path, body));
    }

    /** Sends and waits for the whole response. */
    public static ContentResponse send(Request request) {
        try {
            return request.send();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The response's body as JSON. */
    public static JsonNode json(ContentResponse response) {
        try {
            return new WireFormat().mapper().readTree(response.getContent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HttpClient http() {
        return http;
    }

    @Override
    public void close() {
        try {
            http.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
