package eu.interlink.jvm.host.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;

/** Watches a response as it streams: when its headers came, what content came so far, and how it ended. */
public final class StreamingResponse implements Response.Listener {

    private volatile Response headers;
    private final StringBuffer content = new StringBuffer();
    private volatile Result result;

    @Override
    public void onHeaders(Response response) {
        headers = response;
    }

    @Override
    public void onContent(Response response, ByteBuffer chunk) {
        content.append(StandardCharsets.UTF_8.decode(chunk));
    }

    @Override
    public void onComplete(Result result) {
        this.result = result;
    }

    /** The response, once its headers arrived; null before. */
    public Response headers() {
        return headers;
    }

    /** The content received so far. */
    public String content() {
        return content.toString();
    }

    /** How the exchange ended; null while it goes on. */
    public Result result() {
        return result;
    }
}
