package eu.interlink.jvm.docker.logs;

import com.github.dockerjava.api.command.LogContainerCmd;
import eu.interlink.jvm.api.runtime.LogStream;
import eu.interlink.jvm.api.runtime.PodNotFoundException;
import eu.interlink.jvm.api.wire.LogOptions;
import eu.interlink.jvm.api.wire.LogRequest;
import eu.interlink.jvm.docker.engine.Cancellation;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.lifecycle.PodRecord;
import eu.interlink.jvm.docker.lifecycle.PodRegistry;
import eu.interlink.jvm.docker.sandbox.Sandbox;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Writes a container's log, with Docker's own tail, since and timestamps options and kubelet's byte limit.
 *
 * <p>A followed log streams until the container ends, a write fails (the client went away) or the runtime closes
 * ({@link #close()} cancels every followed log). A plain log is bounded by the call timeout.
 */
public final class LogStreamer implements AutoCloseable {

    private final PodRegistry pods;
    private final Clock clock;
    private final Cancellation follows = new Cancellation();

    public LogStreamer(PodRegistry pods, Clock clock) {
        this.pods = pods;
        this.clock = clock;
    }

    /**
     * Finds the log the request asks for; it is read when written. A container that is not created yet has an
     * empty log.
     *
     * @throws PodNotFoundException when no such pod or container is known
     */
    public LogStream open(LogRequest request) {
        PodRecord pod = pods.find(request.podUid())
                .orElseThrow(() -> new PodNotFoundException("no pod with UID " + request.podUid()));
        if (!pod.hasContainer(request.containerName())) {
            throw new PodNotFoundException("pod " + pod.identity() + " has no container " + request.containerName());
        }
        Optional<String> containerId = pod.containerId(request.containerName());
        Optional<Sandbox> sandbox = pod.sandbox();
        if (containerId.isEmpty() || sandbox.isEmpty()) {
            return out -> { };
        }
        return out -> copy(sandbox.get().engine(), containerId.get(), request.options(), out);
    }

    private void copy(Engine inner, String containerId, LogOptions options, OutputStream out) throws IOException {
        LogContainerCmd command = inner.streams().logContainerCmd(containerId)
                .withStdOut(true)
                .withStdErr(true)
                .withTimestamps(options.timestamps())
                .withFollowStream(options.follow());
        if (options.tail() > 0) {
            command.withTail(options.tail());
        }
        Instant since = since(options);
        if (since != null) {
            command.withSince(Math.toIntExact(since.getEpochSecond()));
        }
        LogCopier copier = new LogCopier(out, options.limitBytes(), options.follow());
        try (copier) {
            command.exec(copier);
            if (options.follow()) {
                follows.track(copier).awaitCompletion();
            } else if (!copier.awaitCompletion(inner.callTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("the log of container " + containerId + " did not arrive within "
                        + inner.callTimeout().toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while copying the log of container " + containerId);
        } finally {
            follows.untrack(copier);
        }
        copier.rethrowFailure(containerId);
    }

    private Instant since(LogOptions options) {
        if (options.sinceTime() != null) {
            return options.sinceTime();
        }
        return options.sinceSeconds() > 0 ? clock.instant().minusSeconds(options.sinceSeconds()) : null;
    }

    /** Stops every followed log. */
    @Override
    public void close() {
        follows.cancel();
    }
}
