package eu.interlink.jvm.host.config;

import eu.interlink.jvm.api.settings.PluginSettings;
import eu.interlink.jvm.host.access.BearerToken;
import eu.interlink.jvm.host.access.SecretFile;
import eu.interlink.jvm.host.access.TlsKeyStore;
import eu.interlink.jvm.host.logging.Verbosity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the host itself needs from the configuration.
 *
 * <p>Read from the Go plugin's keys ({@code SidecarPort}, {@code Socket}, {@code VerboseLogging},
 * {@code ErrorsOnlyLogging}), {@code AuthTokenFile}, and the {@code Host} section ({@code BindAddress},
 * {@code MaxRequestBytes}, {@code PodRuntime}, {@code TlsKeyStoreFile}, {@code TlsKeyStorePasswordFile}); see
 * {@link #from}.
 *
 * @param listen          where to listen
 * @param maxRequestBytes the largest request body accepted; larger ones are answered 413
 * @param runtime         the name of the {@code PodRuntimeProvider} to use; empty for the only one found
 * @param verbosity       how much to log
 * @param idleTimeout     how long a connection may stay idle; longer than interLink's 120 s keep-alive, so that the
 *                        client, not the host, closes idle connections and never reuses one the host just closed
 * @param token           the token every request but the health probes must present; empty for none
 * @param tls             the TCP listener's certificate and key; empty for plain HTTP
 */
public record HostSettings(
        ListenAddress listen,
        int maxRequestBytes,
        Optional<String> runtime,
        Verbosity verbosity,
        Duration idleTimeout,
        Optional<BearerToken> token,
        Optional<TlsKeyStore> tls) {

    /** The port interLink's default configuration uses. */
    public static final int DEFAULT_PORT = 4000;
    /** Loopback only: the interLink-to-plugin hop carries no authentication. */
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    /** 16 MiB: a pod with large ConfigMaps and Secrets fits; a runaway client does not. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 16 * 1024 * 1024;
    /** Three minutes: more than interLink's 120 s idle keep-alive. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(3);
    /** 1 GiB: the most {@code MaxRequestBytes} may be, since a body is held in memory whole. */
    public static final int MAX_REQUEST_BYTES_LIMIT = 1024 * 1024 * 1024;

    static final String UNIX_SCHEME = "unix://";
    // sun_path holds 108 bytes on Linux, the terminating NUL included.
    static final int MAX_SOCKET_PATH_BYTES = 107;

    public HostSettings {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(verbosity, "verbosity");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tls, "tls");
        if (tls.isPresent() && !(listen instanceof ListenAddress.Tcp)) {
            throw new IllegalArgumentException("TLS applies to a TCP listener only");
        }
        if (maxRequestBytes < 1 || maxRequestBytes > MAX_REQUEST_BYTES_LIMIT) {
            throw new IllegalArgumentException("maxRequestBytes out of range: " + maxRequestBytes);
        }
    }

    /**
     * Reads the host's settings; the command line's flags win over the file and the environment.
     *
     * @throws eu.interlink.jvm.api.settings.InvalidSettingException when a value does not fit its key
     */
    public static HostSettings from(PluginSettings settings, CommandLine commandLine) {
        PluginSettings host = settings.section("Host");
        ListenAddress listen = settings.text("Socket")
                .map(socket -> unixSocket(settings, socket))
                .orElseGet(() -> new ListenAddress.Tcp(
                        host.text("BindAddress", DEFAULT_BIND_ADDRESS),
                        settings.integer("SidecarPort", DEFAULT_PORT, 0, 65535)));
        int maxRequestBytes = host.integer("MaxRequestBytes", DEFAULT_MAX_REQUEST_BYTES, 1, MAX_REQUEST_BYTES_LIMIT);
        boolean verbose = settings.flag("VerboseLogging", false);
        boolean errorsOnly = settings.flag("ErrorsOnlyLogging", false);
        Verbosity verbosity = Verbosity.of(
                commandLine.verbose().orElse(verbose), commandLine.errorsOnly().orElse(errorsOnly));
        Optional<BearerToken> token = settings.text("AuthTokenFile")
                .map(file -> new BearerToken(new SecretFile(settings, "AuthTokenFile", Path.of(file)).text()));
        return new HostSettings(listen, maxRequestBytes, host.text("PodRuntime"), verbosity, DEFAULT_IDLE_TIMEOUT,
                token, tls(settings, listen));
    }

    private static Optional<TlsKeyStore> tls(PluginSettings settings, ListenAddress listen) {
        PluginSettings host = settings.section("Host");
        Optional<String> keyStore = host.text("TlsKeyStoreFile");
        if (keyStore.isEmpty()) {
            return Optional.empty();
        }
        if (!(listen instanceof ListenAddress.Tcp)) {
            throw host.invalid("TlsKeyStoreFile", "no value when Socket is set (TLS applies to TCP only)",
                    keyStore.get());
        }
        Path file = new SecretFile(host, "TlsKeyStoreFile", Path.of(keyStore.get())).checked();
        String passwordFile = host.text("TlsKeyStorePasswordFile").orElseThrow(() -> host.invalid(
                "TlsKeyStorePasswordFile", "the file holding the password of Host.TlsKeyStoreFile", ""));
        return Optional.of(new TlsKeyStore(file,
                new SecretFile(host, "TlsKeyStorePasswordFile", Path.of(passwordFile)).text()));
    }

    private static ListenAddress unixSocket(PluginSettings settings, String socket) {
        String path = socket.startsWith(UNIX_SCHEME) ? socket.substring(UNIX_SCHEME.length()) : "";
        if (path.isEmpty()) {
            throw settings.invalid("Socket", "unix:///path/to/socket, or no value to listen on TCP", socket);
        }
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH_BYTES) {
            throw settings.invalid("Socket", "a socket path of at most " + MAX_SOCKET_PATH_BYTES + " bytes", socket);
        }
        return new ListenAddress.UnixSocket(Path.of(path));
    }
}
