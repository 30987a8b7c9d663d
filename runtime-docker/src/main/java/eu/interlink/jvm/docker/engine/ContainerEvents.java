package eu.interlink.jvm.docker.engine;

import com.github.dockerjava.api.model.Event;
import java.io.Closeable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Follows the events of one engine's containers with a given role for as long as it is open, and tells a
 * {@link Listener} which container each event was about.
 *
 * <p>A stream that ends, breaks or cannot be opened is opened again after a pause that doubles up to a limit
 * ({@link Backoff}), and starts again from the first pause once a stream is open. Each time a stream opens, the
 * listener hears that events may have been missed before it. It holds no thread of its own ({@link
 * Engine#followContainerEvents}). Closing it ends the stream and drops a pending reopen at once. Thread-safe.
 */
public final class ContainerEvents implements Closeable {

    /**
     * What a container event stream tells, one event at a time on a delivery thread: events that come meanwhile wait, so
     * whatever a listener does must be bounded (such as a bounded Docker call).
     */
    public interface Listener {

        /** A stream opened: what happened to the containers before it may have been missed. */
        void connected();

        /**
         * Something happened to the container with this id: it started, stopped, was paused or was removed.
         *
         * @param attributes what the event tells of the container: its name and labels; empty when it tells nothing
         */
        void changed(String containerId, Map<String, String> attributes);

        /**
         * The stream could not be opened, or it broke; it is opened again after {@code retryIn}.
         *
         * @param why what went wrong, one line
         */
        void disconnected(String why, Duration retryIn);
    }

    private static final List<String> ACTIONS = List.of("start", "die", "oom", "kill", "pause", "unpause", "destroy");

    private final Engine engine;
    private final Map<String, String> labels;
    private final Listener listener;
    private final ScheduledExecutorService background;
    private final Backoff backoff;
    private final Object lock = new Object();
    private boolean closed;
    private Subscription current;
    private Future<?> reopen;
    private Duration lastPause;

    /**
     * @param engine     the engine whose events to follow
     * @param labels     the labels a container must have for its events to be told
     * @param listener   who hears the events
     * @param background where a reopen waits for its pause; owned by the caller
     * @param backoff    the pauses before reopening a stream
     */
    public ContainerEvents(Engine engine, Map<String, String> labels, Listener listener,
            ScheduledExecutorService background, Backoff backoff) {
        this.engine = engine;
        this.labels = Map.copyOf(labels);
        this.listener = listener;
        this.background = background;
        this.backoff = backoff;
    }

    /** Opens the first stream; returns at once. */
    public void open() {
        Subscription subscription;
        synchronized (lock) {
            if (closed) {
                return;
            }
            subscription = new Subscription();
            current = subscription;
            reopen = null;
        }
        try {
            engine.followContainerEvents(labels, ACTIONS, subscription);
        } catch (RuntimeException e) {
            ended(subscription, e);
        }
    }

    /** Ends the stream and drops a pending reopen; the listener hears nothing more. Idempotent. */
    @Override
    public void close() {
        Subscription subscription;
        synchronized (lock) {
            closed = true;
            if (reopen != null) {
                reopen.cancel(false);
            }
            subscription = current;
        }
        if (subscription != null) {
            subscription.closeQuietly();
        }
    }

    private void opened(Subscription subscription) {
        synchronized (lock) {
            if (closed || subscription != current) {
                return;
            }
            lastPause = null;
        }
        listener.connected();
    }

    private void ended(Subscription subscription, Throwable failure) {
        Duration pause;
        synchronized (lock) {
            if (closed || subscription != current) {
                return;
            }
            pause = backoff.after(lastPause);
            lastPause = pause;
            try {
                reopen = background.schedule(this::open, pause.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // The runtime is closing, and closes this next.
                return;
            }
        }
        listener.disconnected(failure == null ? engine.address() + ": the event stream ended"
                : engine.address() + ": " + DockerMessages.oneLine(failure), pause);
    }

    private final class Subscription extends StreamCallback<Event> {

        @Override
        public void onStart(Closeable stream) {
            super.onStart(stream);
            if (!isClosed()) {
                opened(this);
            }
        }

        @Override
        public void onNext(Event event) {
            String id = event.getActor() != null ? event.getActor().getId() : event.getId();
            Map<String, String> attributes = event.getActor() == null || event.getActor().getAttributes() == null
                    ? Map.of() : event.getActor().getAttributes();
            if (id != null && !isClosed()) {
                listener.changed(id, attributes);
            }
        }

        @Override
        public void onError(Throwable failure) {
            closeQuietly();
            ended(this, failure);
        }

        @Override
        public void onComplete() {
            closeQuietly();
            ended(this, null);
        }
    }
}
