package eu.interlink.jvm.docker.logs;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import eu.interlink.jvm.docker.engine.DockerMessages;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Copies Docker log frames (stdout and stderr, in the order Docker sends them) into an output stream, up to a byte
 * limit. It stops the Docker stream at once when the limit is reached or a write fails, and keeps a failure of the
 * stream for the caller to throw.
 */
final class LogCopier extends ResultCallback.Adapter<Frame> {

    private final OutputStream out;
    private final boolean flushEachFrame;
    private long remaining;
    private volatile IOException writeFailure;
    private volatile Throwable streamFailure;
    private volatile boolean stopped;

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
    public void onNext(Frame frame) {
        if (remaining == 0 || writeFailure != null) {
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
            stop();
            return;
        }
        remaining -= length;
        if (remaining == 0) {
            stop();
        }
    }

    @Override
    public void onError(Throwable failure) {
        if (!stopped) {
            streamFailure = failure;
        }
        stop();
    }

    /** Stops the Docker stream; what it reports after that is not a failure. */
    @Override
    public void close() throws IOException {
        stopped = true;
        super.close();
    }

    /** Throws the failure of a write into the output stream, or else of the Docker stream, if one failed. */
    void rethrowFailure(String containerId) throws IOException {
        if (writeFailure != null) {
            throw writeFailure;
        }
        if (streamFailure != null) {
            throw new IOException("the log of container " + containerId + " broke off: "
                    + DockerMessages.oneLine(streamFailure), streamFailure);
        }
    }

    private void stop() {
        try {
            close();
        } catch (IOException e) {
            // Closing only abandons the Docker stream, which is what stopping wants.
        }
    }
}
