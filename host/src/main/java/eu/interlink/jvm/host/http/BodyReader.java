package eu.interlink.jvm.host.http;

import java.io.IOException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body whole, up to a limit.
 *
 * <p>A declared {@code Content-Length} over the limit is refused before anything is read; a chunked body is
 * counted while it is read and refused once it passes the limit, so no more than the limit is ever held.
 */
final class BodyReader {

    private final int maxBytes;

    /** @param maxBytes the largest body accepted; below {@code Integer.MAX_VALUE} */
    BodyReader(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * The body; empty when the request has none.
     *
     * @throws HttpException.RuntimeException with status 413 when the body is over the limit
     * @throws IOException                    when the body cannot be read
     */
    byte[] read(Request request) throws IOException {
        if (request.getLength() > maxBytes) {
            throw tooLarge();
        }
        byte[] body = Content.Source.asInputStream(request).readNBytes(maxBytes + 1);
        if (body.length > maxBytes) {
            throw tooLarge();
        }
        return body;
    }

    private HttpException.RuntimeException tooLarge() {
        return new HttpException.RuntimeException(HttpStatus.PAYLOAD_TOO_LARGE_413,
                "request body over " + maxBytes + " bytes (Host.MaxRequestBytes)");
    }
}
