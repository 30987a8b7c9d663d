package eu.interlink.jvm.docker.logs;

import com.github.dockerjava.api.command.LogContainerCmd;
import eu.interlink.jvm.api.runtime.LogStream;
import eu.interlink.jvm.api.runtime.PodNotFoundException;
import eu.interlink.jvm.api.wire.LogOptions;
import eu.interlink.jvm.api.wire.LogRequest;
import eu.interlink.jvm.docker.engine.Cancellation;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.lifecycle.ContainerRuns;
import eu.interlink.jvm.docker.lifecycle.ContainerSnapshot;
import eu.interlink.jvm.docker.lifecycle.PodRecord;
import eu.interlink.jvm.docker.lifecycle.PodRegistry;
import eu.interlink.jvm.docker.lifecycle.SandboxLost;
import eu.interlink.jvm.docker.sandbox.Sandbox;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Writes a container's log, with Docker's own tail, since and timestamps options and kubelet's byte limit.
 *
 * <p>A followed log streams until the container ends, a write fails (the client went away) or the runtime closes
 * ({@link #close()} cancels every followed log). A plain log is bounded by the call timeout.
 *
 * <p>Each run of a container has its own inner container: the log is the current run's, and the previous log is the
 * run's before it, kept until the next restart ({@link ContainerRuns}). A container never restarted has no previous
 * log.
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
     * @throws PodNotFoundException when no such pod or container is known, or the pod's sandbox died with its logs
     */
    public LogStream open(LogRequest request) {
        PodRecord pod = pods.find(request.podUid())
                .orElseThrow(() -> new PodNotFoundException("no pod with UID " + request.podUid()));
        if (!pod.hasContainer(request.containerName())) {
            throw new PodNotFoundException("pod " + pod.identity() + " has no container " + request.containerName());
        }
        SandboxLost lost = pod.sandboxLost();
        if (lost != null) {
            throw new PodNotFoundException("the logs of pod " + pod.identity() + " are gone with its sandbox: "
                    + lost.message());
        }
        Optional<String> containerId = request.options().previous()
                ? Optional.of(previousRun(pod, request.containerName()).containerId())
                : pod.runs(request.containerName()).map(ContainerRuns::containerId);
        Optional<Sandbox> sandbox = pod.sandbox();
        if (containerId.isEmpty() || sandbox.isEmpty()) {
            return out -> { };
        }
        if (!request.options().follow()) {
            return out -> copy(sandbox.get().engine(), containerId.get(), request.options(), out);
        }
        return out -> {
            CompletableFuture<Void> ended = new CompletableFuture<>();
            pod.following(ended);
            try {
                copy(sandbox.get().engine(), containerId.get(), request.options(), out);
            } finally {
                ended.complete(null);
            }
        };
    }

    private static ContainerSnapshot previousRun(PodRecord pod, String container) {
        return pod.runs(container).map(ContainerRuns::previous).orElseThrow(() -> new PodNotFoundException(
                "container " + container + " of pod " + pod.identity() + " has no previous instance"));
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
        Integer since = sinceSeconds(options);
        if (since != null) {
            command.withSince(since);
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

    /**
     * Docker's {@code since}, in whole seconds since the epoch, or null for the whole log. A time to come is now,
     * rounded up, so that no line written yet is newer (and a far one does not overflow Docker's int); a time before
     * the epoch is the whole log.
     */
    private Integer sinceSeconds(LogOptions options) {
        Instant now = clock.instant();
        Instant since;
        if (options.sinceTime() != null) {
            since = options.sinceTime();
        } else if (options.sinceSeconds() > 0) {
            since = options.sinceSeconds() < now.getEpochSecond() ? now.minusSeconds(options.sinceSeconds()) : Instant.EPOCH;
        } else {
            return null;
        }
        if (since.isAfter(now)) {
            return (int) (now.getEpochSecond() + (now.getNano() > 0 ? 1 : 0));
        }
        return since.isAfter(Instant.EPOCH) ? (int) since.getEpochSecond() : null;
    }

    /** Stops every followed log. */
    @Override
    public void close() {
        follows.cancel();
    }
}
