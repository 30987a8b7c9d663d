package eu.interlink.jvm.api.runtime;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A container's log, found and ready to be written; what {@link PodRuntime#logs} answers.
 *
 * <p>Opening and writing are apart so that a host can answer "not found" before it commits to a streamed reply.
 */
@FunctionalInterface
public interface LogStream {

    /**
     * Writes the log into {@code out}, honouring the request's tail, byte limit, since and timestamps.
     *
     * <p>Without {@code Follow} it writes what there is and returns. With {@code Follow} it calls
     * {@link OutputStream#flush()} after each chunk and returns when the container ends or the runtime closes; a
     * failed write (the client went away) stops it at once. The stream is left open for the caller to close.
     * Call it once.
     *
     * @param out where to write the raw log bytes; never null
     * @throws IOException when writing to {@code out} fails
     */
    void writeTo(OutputStream out) throws IOException;
}
