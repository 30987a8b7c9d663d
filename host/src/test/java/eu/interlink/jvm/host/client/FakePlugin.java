package eu.interlink.jvm.host.client;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A plugin that records what it is sent and answers what the test sets, per path: for what the real host never
 * answers (bodies that do not parse, a wrong UID, a log that breaks off) and to see the headers a client sends.
 */
final class FakePlugin implements AutoCloseable {

    /** What the plugin answers to one request. */
    @FunctionalInterface
    interface Answer {
        void send(Response response, Callback callback) throws Exception;
    }

    /** One request as the plugin received it. */
    record Received(String method, String path, HttpFields headers, String body) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Server server = new Server();
    private final PluginAddress address;

    private FakePlugin(Path socket) throws Exception {
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String path = Request.getPathInContext(request);
                received.add(new Received(request.getMethod(), path, request.getHeaders(),
                        Content.Source.asString(request)));
                answers.getOrDefault(path, answering(404, "no answer set for " + path)).send(response, callback);
                return true;
            }
        });
        if (socket == null) {
            ServerConnector tcp = new ServerConnector(server);
            tcp.setHost("127.0.0.1");
            server.addConnector(tcp);
        } else {
            UnixDomainServerConnector unix = new UnixDomainServerConnector(server);
            unix.setUnixDomainPath(socket);
            server.addConnector(unix);
        }
        server.start();
        address = socket == null
                ? new PluginAddress.Tcp(false, "127.0.0.1", ((NetworkConnector) server.getConnectors()[0]).getLocalPort())
                : new PluginAddress.UnixSocket(socket);
    }

    /** A plugin on a free loopback port. */
    static FakePlugin overTcp() throws Exception {
        return new FakePlugin(null);
    }

    /** A plugin on the unix socket {@code socket}. */
    static FakePlugin overUnixSocket(Path socket) throws Exception {
        return new FakePlugin(socket);
    }

    PluginAddress address() {
        return address;
    }

    /** Answers requests to {@code path} with {@code answer}. */
    void on(String path, Answer answer) {
        answers.put(path, answer);
    }

    /** Answers requests to {@code path} with {@code status} and {@code body}. */
    void on(String path, int status, String body) {
        on(path, answering(status, body));
    }

    static Answer answering(int status, String body) {
        return (response, callback) -> {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            Content.Sink.write(response, true, body, callback);
        };
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
