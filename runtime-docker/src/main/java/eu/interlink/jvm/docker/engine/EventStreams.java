package eu.interlink.jvm.docker.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Transport;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.util.thread.SerializedExecutor;

/**
 * Follows Docker engines' event streams over their unix sockets without a thread per stream.
 *
 * <p>docker-java reads each stream on a thread of its own, blocked for as long as the stream lasts: with an event
 * stream per pod, that is a thread per pod, idle nearly all the time. Here one non-blocking HTTP client (Jetty's, on a
 * few threads) reads every stream, and hands each stream's events, in order, to a small shared pool of delivery
 * threads, where a listener may make bounded Docker calls without holding up the other streams' reads.
 *
 * <p>An engine that takes a stream's connection but does not answer within the connect timeout (a frozen sandbox)
 * ends the stream, as any other failure does, so that the stream's owner hears of it and opens another later.
 *
 * <p>Thread-safe. Closing it ends every stream it follows.
 */
public final class EventStreams implements AutoCloseable {

    private static final int IO_THREADS = 8;
    private static final Duration IDLE_THREADS = Duration.ofSeconds(60);
    private static final Duration IDLE_DESTINATION = Duration.ofSeconds(60);
    private static final int MAX_EVENT_BYTES = 1 << 20;

    private final HttpClient http;
    private final Duration answerTimeout;
    private final Executor deliveries;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * @param connectTimeout how long opening a stream's connection may take, and then its answer
     * @param deliveries     the threads that run the callbacks, a stream's one at a time; owned by the caller
     * @throws EngineException when the HTTP client cannot be started
     */
    public EventStreams(Duration connectTimeout, Executor deliveries) {
        this.answerTimeout = connectTimeout;
        this.deliveries = deliveries;
        QueuedThreadPool io = new QueuedThreadPool(IO_THREADS, 1, (int) IDLE_THREADS.toMillis());
        io.setName("interlink-docker-event-io");
        io.setDaemon(true);
        http = new HttpClient();
        http.setExecutor(io);
        http.setName("interlink-docker-events");
        http.setScheduler(new ScheduledExecutorScheduler("interlink-docker-event-timer", true));
        http.setConnectTimeout(connectTimeout.toMillis());
        // A stream may be quiet for hours; a stream whose engine goes away ends with its socket.
        http.setIdleTimeout(0);
        // Each sandbox's socket is a destination of its own: forget those of removed sandboxes.
        http.setDestinationIdleTimeout(IDLE_DESTINATION.toMillis());
        try {
            http.start();
        } catch (Exception e) {
            throw new EngineException("cannot start the client of the engines' event streams: " + e, e);
        }
    }

    /**
     * Opens the event stream of the engine listening on {@code socket}, keeping the events that match
     * {@code filters}, and tells {@code callback} as docker-java would: {@code onStart} once the engine has answered,
     * with a {@link Closeable} that ends the stream, then {@code onNext} for each event, then {@code onComplete} or
     * {@code onError}, all on a delivery thread, one at a time. Returns at once.
     *
     * @param filters Docker's event filters, such as {@code type=[container]}, {@code label=[k=v]}
     */
    public void follow(Path socket, Map<String, List<String>> filters, ResultCallback<Event> callback) {
        Request request;
        try {
            request = http.newRequest("http://docker/events")
                    .transport(new Transport.TCPUnix(socket))
                    .param("filters", json.writeValueAsString(filters));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event filters that cannot be written as JSON: " + filters, e);
        }
        Delivery delivery = new Delivery(callback, new SerializedExecutor(deliveries));
        Scheduler.Task unanswered = http.getScheduler().schedule(() -> request.abort(new TimeoutException(
                "the engine did not answer the event stream's request within " + answerTimeout.toMillis() + " ms")),
                answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
        request.onResponseBegin(response -> unanswered.cancel());
        request.send(delivery);
    }

    /** Ends every stream; what their callbacks hear then is not promised, as the runtime is closing. */
    @Override
    public void close() {
        try {
            http.stop();
        } catch (Exception e) {
            // Stopping only closes connections and threads; there is nothing left to do when that fails.
        }
    }

    /** One stream: splits its body into events, one JSON object a line, and passes them on in order. */
    private final class Delivery implements Response.Listener {

        private final ResultCallback<Event> callback;
        private final Executor inOrder;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private boolean failed;

        Delivery(ResultCallback<Event> callback, Executor inOrder) {
            this.callback = callback;
            this.inOrder = inOrder;
        }

        @Override
        public void onHeaders(Response response) {
            if (response.getStatus() != HttpStatus.OK_200) {
                response.abort(new EngineException("the engine answered " + response.getStatus() + " "
                        + response.getReason() + " to the event stream's request"));
                return;
            }
            Closeable stream = () -> response.abort(new CancellationException("the event stream was closed"));
            pass(() -> callback.onStart(stream));
        }

        @Override
        public void onContent(Response response, ByteBuffer content) {
            while (content.hasRemaining() && !failed) {
                byte next = content.get();
                if (next != '\n') {
                    line.write(next);
                } else if (line.size() > 0) {
                    deliver(response, line.toByteArray());
                    line.reset();
                }
            }
            if (line.size() > MAX_EVENT_BYTES) {
                failed = true;
                response.abort(new EngineException("the event stream sent a line of over " + MAX_EVENT_BYTES
                        + " bytes, which is no event"));
            }
        }

        private void deliver(Response response, byte[] bytes) {
            try {
                Event event = json.readValue(bytes, Event.class);
                pass(() -> callback.onNext(event));
            } catch (IOException e) {
                failed = true;
                response.abort(new EngineException("the event stream sent what is not an event: " + e.getMessage(), e));
            }
        }

        @Override
        public void onComplete(Result result) {
            if (result.isFailed()) {
                pass(() -> callback.onError(result.getFailure()));
            } else {
                pass(callback::onComplete);
            }
        }

        private void pass(Runnable toCallback) {
            try {
                inOrder.execute(toCallback);
            } catch (RejectedExecutionException e) {
                // The runtime is closing and has stopped the delivery threads: nobody listens any more.
            }
        }
    }
}
