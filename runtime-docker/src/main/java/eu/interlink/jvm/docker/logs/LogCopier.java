package eu.interlink.jvm.docker.logs;

import com.github.dockerjava.api.model.Frame;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.StreamCallback;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Copies Docker log frames (stdout and stderr, in the order Docker sends them) into an output stream, up to a byte
 * limit. It stops the Docker stream at once when the limit is reached or a write fails, and keeps a failure of the
 * stream for the caller to throw.
 *
 * <p>Writing and closing exclude each other: {@link #close()} waits for a write under way, and nothing is written once
 * it has returned, so that a log that timed out or was cancelled never writes into a stream its caller has given back.
 */
final class LogCopier extends StreamCallback<Frame> {

    private final OutputStream out;
    private final boolean flushEachFrame;
    private long remaining;
    private IOException writeFailure;
    private Throwable streamFailure;

    /**
     * @param limitBytes     the most bytes to copy; 0 for no limit
     * @param flushEachFrame flush after each frame, for a followed log
     */
    LogCopier(OutputStream out, long limitBytes, boolean flushEachFrame) {
        this.out = out;
        this.flushEachFrame = flushEachFrame;
        this.remaining = limitBytes > 0 ? limitBytes : Long.MAX_VALUE;
    }

    @Override
    public synchronized void onNext(Frame frame) {
        if (isClosed() || remaining == 0) {
            return;
        }
        byte[] payload = frame.getPayload();
        int length = (int) Math.min(payload.length, remaining);
        try {
            out.write(payload, 0, length);
            if (flushEachFrame) {
                out.flush();
            }
        } catch (IOException e) {
            writeFailure = e;
            closeQuietly();
            return;
        }
        remaining -= length;
        if (remaining == 0) {
            closeQuietly();
        }
    }

    /** Keeps the stream's failure, unless the stream was stopped on purpose before it failed. */
    @Override
    public synchronized void onError(Throwable failure) {
        if (!isClosed()) {
            streamFailure = failure;
        }
        closeQuietly();
    }

    /** Throws the failure of a write into the output stream, or else of the Docker stream, if one failed. */
    synchronized void rethrowFailure(String containerId) throws IOException {
        if (writeFailure != null) {
            throw writeFailure;
        }
        if (streamFailure != null) {
            throw new IOException("the log of container " + containerId + " broke off: "
                    + DockerMessages.oneLine(streamFailure), streamFailure);
        }
    }
}
