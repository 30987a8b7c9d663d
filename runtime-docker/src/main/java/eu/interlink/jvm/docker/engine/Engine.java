package eu.interlink.jvm.docker.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import eu.interlink.jvm.docker.metrics.DockerCallMeters;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One Docker engine, the host's or a sandbox's inner one, reached through docker-java with every request bounded.
 *
 * <p>docker-java's response timeout does not apply to unix sockets, so {@link #call} runs each request on a worker
 * thread and interrupts it when its time is up: interrupting a thread blocked on a socket channel closes the channel,
 * which ends the request. Streams that last as long as a container (log follow, container wait) use
 * {@link #streams()}, a client without a read timeout, whose {@link StreamCallback}s their caller closes when it stops.
 * Event streams, which last as long as a pod, are read without a thread of their own ({@link #followContainerEvents}).
 *
 * <p>Every call and long call is counted, by operation, as a call to the host's engine or to a sandbox's
 * ({@link DockerCallMeters}); the streams are not.
 *
 * <p>Thread-safe. Closing it closes both clients; it does not touch the engine's containers.
 */
public final class Engine implements AutoCloseable {

    private final String address;
    private final DockerClient calls;
    private final DockerClient streams;
    private final Duration callTimeout;
    private final ExecutorService workers;
    private final EventStreams events;
    private final DockerCallMeters meters;
    private final String kind;

    /**
     * @param events follows the engine's event streams
     * @param meters counts the calls
     * @param kind   {@link DockerCallMeters#HOST} or {@link DockerCallMeters#SANDBOX}
     */
    Engine(String address, DockerClient calls, DockerClient streams, Duration callTimeout, ExecutorService workers,
            EventStreams events, DockerCallMeters meters, String kind) {
        this.address = address;
        this.calls = calls;
        this.streams = streams;
        this.callTimeout = callTimeout;
        this.workers = workers;
        this.events = events;
        this.meters = meters;
        this.kind = kind;
    }

    /** Where the engine listens, such as {@code unix:///var/run/docker.sock}. */
    public String address() {
        return address;
    }

    /** The time one request may take. */
    public Duration callTimeout() {
        return callTimeout;
    }

    /**
     * Runs one request/response call, bounded by the call timeout.
     *
     * @param action what the call does, for the error message, such as {@code inspect container 3f2a}
     * @throws EngineException when no answer comes in time, or the engine cannot be reached; docker-java's own
     *                         exceptions pass through
     */
    public <T> T call(String action, Function<DockerClient, T> request) {
        return meters.count(kind, action, () -> bounded(action, callTimeout, calls, request));
    }

    /**
     * Runs one call that moves a lot of data (an image save, load or pull), bounded by {@code timeout}, and stopped at
     * once by {@code cancellation}: its thread is interrupted, which closes the connections it is blocked on.
     *
     * @throws EngineException       when it does not finish in time; docker-java's own exceptions pass through
     * @throws CancellationException when cancelled
     */
    public <T> T longCall(String action, Duration timeout, Cancellation cancellation, Function<DockerClient, T> request) {
        return meters.count(kind, action, () -> cancellable(action, timeout, cancellation, request));
    }

    private <T> T cancellable(String action, Duration timeout, Cancellation cancellation,
            Function<DockerClient, T> request) {
        Future<T> answer = submit(action, streams, request);
        Closeable stop = () -> answer.cancel(true);
        cancellation.track(stop);
        try {
            return await(action, timeout, answer);
        } catch (CancellationException e) {
            throw new CancellationException(address + ": " + action + " was cancelled");
        } finally {
            cancellation.untrack(stop);
        }
    }

    /**
     * The client without a read timeout, for streams that last as long as a container. The caller owns each stream's
     * callback and must close it when it stops waiting.
     */
    public DockerClient streams() {
        return streams;
    }

    /**
     * Opens a stream of the events of the containers that have all of {@code labels}, for the given actions; returns
     * at once. An engine on a unix socket, as every sandbox's is, is followed through {@link EventStreams}, without a
     * thread of its own; one reached otherwise (a host engine over TCP) through docker-java's stream. The caller
     * closes the callback when it stops following.
     */
    public void followContainerEvents(Map<String, String> labels, List<String> actions,
            ResultCallback<Event> callback) {
        URI uri = URI.create(address);
        if ("unix".equals(uri.getScheme())) {
            events.follow(Path.of(uri.getPath()), Map.of(
                    "type", List.of(EventType.CONTAINER.getValue()),
                    "event", actions,
                    "label", labels.entrySet().stream().map(label -> label.getKey() + "=" + label.getValue()).toList()),
                    callback);
        } else {
            streams.eventsCmd()
                    .withEventTypeFilter(EventType.CONTAINER)
                    .withEventFilter(actions.toArray(String[]::new))
                    .withLabelFilter(labels)
                    .exec(callback);
        }
    }

    private <T> T bounded(String action, Duration timeout, DockerClient client, Function<DockerClient, T> request) {
        return await(action, timeout, submit(action, client, request));
    }

    private <T> Future<T> submit(String action, DockerClient client, Function<DockerClient, T> request) {
        try {
            return workers.submit(() -> request.apply(client));
        } catch (RejectedExecutionException e) {
            throw new EngineException(address + ": " + action + " was not sent: the runtime is closing", e);
        }
    }

    private <T> T await(String action, Duration timeout, Future<T> answer) {
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new EngineException(address + ": " + action + " got no answer within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new EngineException(address + ": " + action + " was interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() != null && e.getCause().getClass() == RuntimeException.class
                    && e.getCause().getCause() instanceof IOException io) {
                // docker-java wraps a failed connection in a bare RuntimeException, naming neither engine nor call.
                throw new EngineException(address + ": " + action + " failed: the engine does not answer (" + io + ")",
                        e.getCause());
            }
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new EngineException(address + ": " + action + " failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        closeQuietly(calls);
        closeQuietly(streams);
    }

    private static void closeQuietly(DockerClient client) {
        try {
            client.close();
        } catch (IOException e) {
            // Closing only releases pooled connections; there is nothing left to do when that fails.
        }
    }
}
