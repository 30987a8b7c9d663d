package eu.interlink.jvm.host.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.LogRequest;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import eu.interlink.jvm.api.wire.WireFormat;
import eu.interlink.jvm.host.run.PodBackend;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Transport;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * A running interLink plugin, ours or another, called exactly as interLink's API server calls it: the same
 * endpoints, bodies and headers ({@code Content-Type: application/json} on every call, {@code InterLink-Http-Session}
 * numbered per client, such as {@code CLI-create#1}), over TCP or a unix socket ({@code Host: unix}).
 *
 * <p>Timeouts: connecting takes at most {@link #CONNECT_TIMEOUT}; create, status and delete are answered within
 * {@link #CALL_TIMEOUT}, as is a log that is not followed; a followed log's answer must begin within
 * {@link #LOG_HEADERS_TIMEOUT}, as interLink requires, and may then go on, and stay quiet, as long as it likes.
 *
 * <p>Every failure is a {@link PluginCallException}. Thread-safe; its threads are daemons, and {@link #close()} stops
 * them.
 */
public final class PluginClient implements PodBackend {

    /** How long opening a connection to the plugin may take. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * How long create, status, delete and an unfollowed log may take in all. interLink sets no such limit; a person
     * at a terminal wants one, and a plugin is to answer create at once and work in the background.
     */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    /** How long a log's answer may take to begin: interLink's {@code ResponseHeaderTimeout}. */
    public static final Duration LOG_HEADERS_TIMEOUT = Duration.ofSeconds(120);

    static final String SESSION_HEADER = "InterLink-Http-Session";

    private static final String JSON = "application/json";
    private static final int THREADS = 8;
    private static final Duration IDLE_THREADS = Duration.ofSeconds(60);
    private static final int COPY_BUFFER_BYTES = 8192;

    private final PluginAddress address;
    private final Optional<String> bearerToken;
    private final HttpClient http;
    private final WireFormat wire = new WireFormat();
    private final ObjectReader createResponseReader = wire.mapper().readerFor(CreateResponse.class);
    private final ObjectReader statusesReader = wire.mapper().readerFor(new TypeReference<List<PodStatus>>() { });
    private final AtomicLong calls = new AtomicLong();

    private PluginClient(PluginAddress address, Optional<String> bearerToken, HttpClient http) {
        this.address = address;
        this.bearerToken = bearerToken;
        this.http = http;
    }

    /**
     * A client for the plugin at {@code address}. Nothing is sent yet: a plugin that does not answer is found by the
     * first call.
     *
     * @param bearerToken presented as {@code Authorization: Bearer}, for a plugin started with {@code AuthTokenFile}
     * @throws PluginCallException when the HTTP client cannot start
     */
    public static PluginClient connect(PluginAddress address, Optional<String> bearerToken) {
        QueuedThreadPool threads = new QueuedThreadPool(THREADS, 1, (int) IDLE_THREADS.toMillis());
        threads.setName("interlink-plugin-client");
        threads.setDaemon(true);
        HttpClient http = new HttpClient();
        http.setExecutor(threads);
        http.setName("interlink-plugin-client");
        http.setScheduler(new ScheduledExecutorScheduler("interlink-plugin-client-timer", true));
        http.setConnectTimeout(CONNECT_TIMEOUT.toMillis());
        http.setIdleTimeout(CALL_TIMEOUT.toMillis());
        try {
            http.start();
        } catch (Exception e) {
            throw new PluginCallException("cannot start the HTTP client for " + address + ": " + e, e);
        }
        return new PluginClient(address, bearerToken, http);
    }

    /** @throws PluginCallException when the call fails or the answer is not one {@code CreateResponse} object */
    @Override
    public CreateResponse create(RetrievedPodData pod) {
        ContentResponse answer = exchange(PluginCall.CREATE, pod);
        return read(PluginCall.CREATE, answer, createResponseReader, "a JSON object {\"PodUID\":…,\"PodJID\":…}");
    }

    /**
     * Sends {@code [pod]}.
     *
     * @throws PluginCallException when the call fails, or the answer is not an array of exactly one status, that of
     *                             this pod's UID
     */
    @Override
    public PodStatus status(Pod pod) {
        ContentResponse answer = exchange(PluginCall.STATUS, List.of(pod));
        List<PodStatus> statuses = read(PluginCall.STATUS, answer, statusesReader, "a JSON array of pod statuses");
        String uid = pod.getMetadata().getUid();
        if (statuses.size() != 1) {
            throw new PluginCallException(PluginCall.STATUS + " answered " + statuses.size()
                    + " statuses for the one pod asked, UID " + uid, null);
        }
        PodStatus status = statuses.get(0);
        if (status == null) {
            throw new PluginCallException(PluginCall.STATUS + " answered [null] for pod UID " + uid, null);
        }
        if (!uid.equals(status.uid())) {
            throw new PluginCallException(PluginCall.STATUS + " answered the status of UID " + status.uid()
                    + " for pod UID " + uid, null);
        }
        return status;
    }

    /**
     * Copies the log into {@code out} as it arrives, flushing after each chunk.
     *
     * @throws PluginCallException when the plugin cannot be reached or does not answer 200 in time
     * @throws IOException         when writing to {@code out} fails, or the log breaks off
     */
    @Override
    public void logs(LogRequest request, OutputStream out) throws IOException {
        Request call = newRequest(PluginCall.LOGS, request);
        if (request.options().follow()) {
            // A container may stay quiet for hours; the log ends when the container does.
            call.idleTimeout(0, TimeUnit.MILLISECONDS);
        } else {
            call.timeout(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        AtomicBoolean sent = sentFlag(call);
        InputStreamResponseListener listener = new InputStreamResponseListener();
        call.send(listener);
        Response response = awaitLogHeaders(call, listener, sent);
        try (InputStream body = listener.getInputStream()) {
            if (response.getStatus() != HttpStatus.OK_200) {
                throw notOk(PluginCall.LOGS, response.getStatus(), body.readNBytes(AnswerExcerpt.MAX_BYTES));
            }
            copy(body, out);
        }
    }

    @Override
    public void delete(Pod pod) {
        exchange(PluginCall.DELETE, pod);
    }

    @Override
    public String description() {
        return "the plugin at " + address;
    }

    /** Stops the HTTP client and its threads; a call in flight fails. */
    @Override
    public void close() {
        try {
            http.stop();
        } catch (Exception e) {
            // Stopping only closes connections and threads; there is nothing left to do when that fails.
        }
    }

    private ContentResponse exchange(PluginCall call, Object body) {
        Request request = newRequest(call, body).timeout(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        AtomicBoolean sent = sentFlag(request);
        ContentResponse response;
        try {
            response = request.send();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginCallException(call + " to " + address + " was interrupted", e);
        } catch (TimeoutException e) {
            throw failed(call, e, sent.get());
        } catch (ExecutionException e) {
            throw failed(call, e.getCause(), sent.get());
        }
        if (response.getStatus() != HttpStatus.OK_200) {
            throw notOk(call, response.getStatus(), response.getContent());
        }
        return response;
    }

    private Request newRequest(PluginCall call, Object body) {
        Request request = http.newRequest(address.httpBase().resolve(call.path()))
                .method(call.method())
                .headers(headers -> headers.put(SESSION_HEADER, call.sessionId(calls.incrementAndGet())))
                .body(new BytesRequestContent(JSON, wire.write(body)));
        bearerToken.ifPresent(token -> request.headers(headers -> headers.put(HttpHeader.AUTHORIZATION,
                "Bearer " + token)));
        if (address instanceof PluginAddress.UnixSocket socket) {
            request.transport(new Transport.TCPUnix(socket.path()));
        }
        return request;
    }

    /** Becomes true once the request goes out on a connection: a failure before that means nothing answers. */
    private static AtomicBoolean sentFlag(Request request) {
        AtomicBoolean sent = new AtomicBoolean();
        request.onRequestBegin(begun -> sent.set(true));
        return sent;
    }

    private Response awaitLogHeaders(Request call, InputStreamResponseListener listener, AtomicBoolean sent) {
        try {
            return listener.get(LOG_HEADERS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.abort(e);
            throw new PluginCallException(PluginCall.LOGS + ": no answer from " + address + " within "
                    + LOG_HEADERS_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            call.abort(e);
            Thread.currentThread().interrupt();
            throw new PluginCallException(PluginCall.LOGS + " to " + address + " was interrupted", e);
        } catch (ExecutionException e) {
            throw failed(PluginCall.LOGS, e.getCause(), sent.get());
        }
    }

    private void copy(InputStream body, OutputStream out) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER_BYTES];
        while (true) {
            int count;
            try {
                count = body.read(buffer);
            } catch (IOException e) {
                throw new IOException("the log from " + address + " broke off: " + reason(e), e);
            }
            if (count == -1) {
                return;
            }
            out.write(buffer, 0, count);
            out.flush();
        }
    }

    private <T> T read(PluginCall call, ContentResponse answer, ObjectReader reader, String expected) {
        byte[] body = answer.getContent();
        if (body.length == 0) {
            throw new PluginCallException(call + " answered 200 with an empty body: expected " + expected, null);
        }
        T value;
        try {
            value = reader.readValue(body);
        } catch (JsonProcessingException e) {
            throw new PluginCallException(call + " answered 200 with a body that is not " + expected + ": "
                    + AnswerExcerpt.firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new PluginCallException(call + " answered 200 with a body that cannot be read: " + e, e);
        }
        if (value == null) {
            throw new PluginCallException(call + " answered 200 with null: expected " + expected, null);
        }
        return value;
    }

    private static PluginCallException notOk(PluginCall call, int status, byte[] body) {
        return new PluginCallException(status, call + " answered " + status + ": " + AnswerExcerpt.of(body));
    }

    private PluginCallException failed(PluginCall call, Throwable failure, boolean sent) {
        if (hasCause(failure, TimeoutException.class)) {
            return new PluginCallException(call + ": no answer from " + address + " within "
                    + CALL_TIMEOUT.toSeconds() + " s", failure);
        }
        if (!sent) {
            return new PluginCallException("no plugin answers at " + address + ": " + reason(failure), failure);
        }
        return new PluginCallException(call + " to " + address + " failed: " + reason(failure), failure);
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What happened, from the innermost cause, such as {@code Connection refused}. An end of stream is said in
     * words: Jetty's message for it is its connection's state.
     */
    private static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof EOFException) {
            return "the plugin closed the connection before the end of its answer";
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
