package eu.interlink.jvm.host;

import eu.interlink.jvm.api.runtime.PodRuntime;
import eu.interlink.jvm.api.wire.WireFormat;
import eu.interlink.jvm.host.access.TlsKeyStore;
import eu.interlink.jvm.host.config.HostSettings;
import eu.interlink.jvm.host.config.ListenAddress;
import eu.interlink.jvm.host.http.BearerAuthentication;
import eu.interlink.jvm.host.http.JsonErrorHandler;
import eu.interlink.jvm.host.http.PluginHandler;
import eu.interlink.jvm.host.http.RequestLogger;
import eu.interlink.jvm.host.http.RequestTimer;
import eu.interlink.jvm.host.metrics.PluginMetrics;
import eu.interlink.jvm.host.plugins.PluginJars;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.HostPort;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running plugin: the Jetty server that serves the interLink plugin API, and the runtime behind it.
 *
 * <pre>{@code
 * try (PluginHost host = PluginHost.start(settings, runtime, PluginMetrics.open())) {
 *     URI base = host.uri();     // http://127.0.0.1:4000, https://... with TLS, or unix:///path/to/plugin.sock
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link #close()} stops taking requests, lets those in flight finish for up to {@link #STOP_TIMEOUT}, closes
 * the runtime, the metrics and the plugin jars, and removes the unix socket file. It is safe to call more than
 * once and from a shutdown hook.
 */
public final class PluginHost implements AutoCloseable {

    /** How long requests in flight (a followed log, say) may take to finish when the host stops. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(3);

    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

    private final Server server;
    private final PodRuntime runtime;
    private final PluginMetrics metrics;
    private final Optional<UnixSocketFile> socketFile;
    private final Optional<PluginJars> plugins;
    private final URI uri;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PluginHost(Server server, PodRuntime runtime, PluginMetrics metrics, Optional<UnixSocketFile> socketFile,
            Optional<PluginJars> plugins, URI uri) {
        this.server = server;
        this.runtime = runtime;
        this.metrics = metrics;
        this.socketFile = socketFile;
        this.plugins = plugins;
        this.uri = uri;
    }

    /**
     * Starts serving {@code runtime} where the settings say, and logs where.
     *
     * <p>Takes ownership of the runtime and the metrics: {@link #close()} closes them, and so does a start that fails.
     *
     * @param metrics what {@code GET /metrics} exports, where the host times its requests
     * @throws HostStartException when the host cannot listen there
     */
    public static PluginHost start(HostSettings settings, PodRuntime runtime, PluginMetrics metrics) {
        return start(settings, runtime, metrics, Optional.empty());
    }

    /**
     * Starts serving {@code runtime}, whose classes may come from the plugin jars, where the settings say.
     *
     * <p>Takes ownership of the plugin jars too: they are closed after the runtime, and by a start that fails.
     *
     * @throws HostStartException when the host cannot listen there
     */
    public static PluginHost start(HostSettings settings, PodRuntime runtime, PluginMetrics metrics,
            PluginJars plugins) {
        return start(settings, runtime, metrics, Optional.of(plugins));
    }

    private static PluginHost start(HostSettings settings, PodRuntime runtime, PluginMetrics metrics,
            Optional<PluginJars> plugins) {
        WireFormat wire = new WireFormat();
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("http");
        if (VirtualThreads.areSupported()) {
            // A log follow waits for as long as its container writes: on Java 21+, a virtual thread waits for it.
            threads.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("http-request-"));
        }
        Server server = new Server(threads);
        PluginHandler plugin = new PluginHandler(runtime, wire, settings.maxRequestBytes(), metrics);
        server.setHandler(new GracefulHandler(settings.token()
                .<Handler>map(token -> new BearerAuthentication(token, wire, plugin)).orElse(plugin)));
        server.setErrorHandler(new JsonErrorHandler(wire));
        server.setRequestLog(new RequestLog.Collection(new RequestLogger(),
                new RequestTimer(metrics.registry(), plugin.paths())));
        server.setStopTimeout(STOP_TIMEOUT.toMillis());

        HttpConnectionFactory http = new HttpConnectionFactory(httpConfiguration());
        AbstractConnector connector;
        Optional<UnixSocketFile> socketFile;
        if (settings.listen() instanceof ListenAddress.UnixSocket unix) {
            Path path = unix.path().toAbsolutePath();
            UnixDomainServerConnector unixConnector = new UnixDomainServerConnector(server, http);
            unixConnector.setUnixDomainPath(path);
            connector = unixConnector;
            socketFile = Optional.of(new UnixSocketFile(path));
        } else {
            ListenAddress.Tcp tcp = (ListenAddress.Tcp) settings.listen();
            ServerConnector tcpConnector = settings.tls()
                    .map(tls -> new ServerConnector(server, new SslConnectionFactory(sslContext(tls),
                            HttpVersion.HTTP_1_1.asString()), http))
                    .orElseGet(() -> new ServerConnector(server, http));
            tcpConnector.setHost(tcp.bindAddress());
            tcpConnector.setPort(tcp.port());
            connector = tcpConnector;
            socketFile = Optional.empty();
        }
        connector.setIdleTimeout(settings.idleTimeout().toMillis());
        server.addConnector(connector);

        try {
            socketFile.ifPresent(UnixSocketFile::clearStale);
            server.start();
            socketFile.ifPresent(UnixSocketFile::restrict);
        } catch (Exception e) {
            stopQuietly(server);
            closeQuietly(runtime);
            metrics.close();
            plugins.ifPresent(PluginJars::close);
            throw e instanceof HostStartException started
                    ? started
                    : new HostStartException("cannot listen on " + address(settings, connector) + ": " + reason(e), e);
        }
        PluginHost host = new PluginHost(server, runtime, metrics, socketFile, plugins, address(settings, connector));
        LOG.info("listening on {}{}", host.uri,
                settings.token().isPresent() ? " (the bearer token of AuthTokenFile required)" : "");
        if (settings.token().isEmpty() && settings.listen() instanceof ListenAddress.Tcp tcp && !loopback(tcp)) {
            LOG.warn("listening on {}, which is not a loopback address, without AuthTokenFile: anyone who reaches it"
                    + " can create and delete pods; set AuthTokenFile, or Host.BindAddress to 127.0.0.1, or Socket",
                    tcp.bindAddress());
        }
        return host;
    }

    /**
     * Where the host listens: {@code http://address:port} ({@code https} with TLS), with the actual port, or
     * {@code unix:///path}.
     */
    public URI uri() {
        return uri;
    }

    /**
     * Waits until the host has stopped: {@link #close()} was called, as the shutdown hook does on SIGTERM.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public void awaitStop() throws InterruptedException {
        server.join();
    }

    /**
     * Stops the server gracefully, then closes the runtime, the metrics and the plugin jars, and removes the socket
     * file.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("stopping");
        stopQuietly(server);
        closeQuietly(runtime);
        metrics.close();
        plugins.ifPresent(PluginJars::close);
        socketFile.ifPresent(file -> {
            try {
                file.remove();
            } catch (IOException e) {
                LOG.warn("cannot remove the socket file", e);
            }
        });
        LOG.info("stopped");
    }

    private static HttpConfiguration httpConfiguration() {
        HttpConfiguration configuration = new HttpConfiguration();
        configuration.setSendServerVersion(false);
        return configuration;
    }

    private static SslContextFactory.Server sslContext(TlsKeyStore tls) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(tls.file().toString());
        ssl.setKeyStoreType("PKCS12");
        ssl.setKeyStorePassword(tls.password());
        return ssl;
    }

    private static boolean loopback(ListenAddress.Tcp tcp) {
        try {
            return InetAddress.getByName(tcp.bindAddress()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static URI address(HostSettings settings, AbstractConnector connector) {
        if (settings.listen() instanceof ListenAddress.UnixSocket unix) {
            return URI.create("unix://" + unix.path().toAbsolutePath());
        }
        ListenAddress.Tcp tcp = (ListenAddress.Tcp) settings.listen();
        int port = ((ServerConnector) connector).getLocalPort();
        String scheme = settings.tls().isPresent() ? "https://" : "http://";
        return URI.create(scheme + HostPort.normalizeHost(tcp.bindAddress()) + ":" + (port > 0 ? port : tcp.port()));
    }

    private static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static void closeQuietly(PodRuntime runtime) {
        try {
            runtime.close();
        } catch (RuntimeException e) {
            LOG.warn("closing the runtime failed", e);
        }
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("stopping the HTTP server failed", e);
        }
    }
}
