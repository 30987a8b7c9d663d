package eu.interlink.jvm.host.http;

import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body whole, up to a limit.
 *
 * <p>A declared {@code Content-Length} over the limit is refused before anything is read; a chunked body is
 * counted while it is read and refused once it passes the limit, so no more than the limit is ever held. Up to
 * 8 MiB more of a refused body is read and dropped, so that the client gets the 413 rather than a reset.
 */
final class BodyReader {

    /** How much of a body over the limit is read and dropped before the refusal, at most. */
    private static final long DRAIN_BYTES = 8L * 1024 * 1024;
    private static final int DRAIN_CHUNK = 64 * 1024;

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
        InputStream in = Content.Source.asInputStream(request);
        if (request.getLength() > maxBytes) {
            throw tooLarge(in);
        }
        byte[] body = in.readNBytes(maxBytes + 1);
        if (body.length > maxBytes) {
            throw tooLarge(in);
        }
        return body;
    }

    /**
     * Reads and drops some more of the body first: a client still sending when the connection is closed under it
     * gets a reset instead of the 413.
     */
    private HttpException.RuntimeException tooLarge(InputStream in) throws IOException {
        long dropped = 0;
        byte[] buffer = new byte[DRAIN_CHUNK];
        for (int read = in.read(buffer); read >= 0 && dropped < DRAIN_BYTES; read = in.read(buffer)) {
            dropped += read;
        }
        return tooLarge();
    }

    private HttpException.RuntimeException tooLarge() {
        return new HttpException.RuntimeException(HttpStatus.PAYLOAD_TOO_LARGE_413,
                "request body over " + maxBytes + " bytes (Host.MaxRequestBytes)");
    }
}
