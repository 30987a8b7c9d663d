package eu.interlink.jvm.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import eu.interlink.jvm.host.access.BearerToken;
import eu.interlink.jvm.host.access.TlsKeyStore;
import eu.interlink.jvm.host.config.HostSettings;
import eu.interlink.jvm.host.config.ListenAddress;
import eu.interlink.jvm.host.http.RequestLogger;
import eu.interlink.jvm.host.logging.Verbosity;
import eu.interlink.jvm.host.metrics.PluginMetrics;
import eu.interlink.jvm.host.testing.Client;
import eu.interlink.jvm.host.testing.TestRuntime;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Who may call the plugin: the bearer token, the warning for a listener beyond the loopback, TLS. */
class AccessControlTest {

    private static final String TOKEN = "0123456789abcdef-s3cret";

    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final List<Logger> loggers = List.of((Logger) LoggerFactory.getLogger(PluginHost.class),
            (Logger) LoggerFactory.getLogger(RequestLogger.class));

    @TempDir
    Path directory;

    @BeforeEach
    void capture() {
        events.start();
        loggers.forEach(logger -> {
            logger.addAppender(events);
            logger.setLevel(Level.DEBUG);
        });
    }

    @AfterEach
    void release() {
        loggers.forEach(logger -> {
            logger.detachAppender(events);
            logger.setLevel(null);
        });
    }

    @Test
    void with_a_token_every_endpoint_but_the_health_probes_answers_401_to_a_missing_or_wrong_token() {
        try (PluginHost host = PluginHost.start(settings(new ListenAddress.Tcp("127.0.0.1", 0), Optional.empty()),
                new TestRuntime(), PluginMetrics.open()); Client client = new Client(host.uri())) {
            for (String path : List.of("/status", "/create", "/delete", "/getLogs", "/metrics", "/nowhere")) {
                ContentResponse missing = client.send("POST", path, "[]");
                ContentResponse wrong = Client.send(client.request("POST", path, "[]")
                        .headers(headers -> headers.put(HttpHeader.AUTHORIZATION, "Bearer " + TOKEN + "x")));

                for (ContentResponse refused : List.of(missing, wrong)) {
                    assertThat(refused.getStatus()).as(path).isEqualTo(401);
                    assertThat(refused.getHeaders().get(HttpHeader.WWW_AUTHENTICATE)).isEqualTo("Bearer");
                    assertThat(Client.json(refused).get("error").asText()).contains("Authorization: Bearer");
                }
            }
            assertThat(client.send("GET", "/healthz", null).getStatus()).isEqualTo(200);
            assertThat(client.send("GET", "/readyz", null).getStatus()).isEqualTo(200);
        }
    }

    @Test
    void with_the_right_token_the_plugin_answers_and_the_log_never_shows_it() {
        try (PluginHost host = PluginHost.start(settings(new ListenAddress.Tcp("127.0.0.1", 0), Optional.empty()),
                new TestRuntime(), PluginMetrics.open()); Client client = new Client(host.uri())) {
            ContentResponse ping = Client.send(client.request("GET", "/status", "[]")
                    .headers(headers -> headers.put(HttpHeader.AUTHORIZATION, "Bearer " + TOKEN)));
            ContentResponse refused = Client.send(client.request("POST", "/create", "{}")
                    .headers(headers -> headers.put(HttpHeader.AUTHORIZATION, "Bearer wrong-" + TOKEN)));
            ContentResponse metrics = Client.send(client.request("GET", "/metrics", null)
                    .headers(headers -> headers.put(HttpHeader.AUTHORIZATION, "Bearer " + TOKEN)));

            assertThat(ping.getStatus()).isEqualTo(200);
            assertThat(refused.getStatus()).isEqualTo(401);
            assertThat(metrics.getStatus()).isEqualTo(200);
        }
        List<String> lines = events.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).anyMatch(line -> line.startsWith("POST /create 401 "));
        assertThat(lines).noneMatch(line -> line.contains(TOKEN));
    }

    @Test
    void warns_at_start_when_listening_beyond_the_loopback_without_a_token() {
        try (PluginHost wide = PluginHost.start(open(new ListenAddress.Tcp("0.0.0.0", 0)), new TestRuntime(),
                PluginMetrics.open());
             PluginHost local = PluginHost.start(open(new ListenAddress.Tcp("127.0.0.1", 0)), new TestRuntime(),
                     PluginMetrics.open())) {
            assertThat(wide.uri()).isNotEqualTo(local.uri());
        }

        assertThat(events.list).filteredOn(event -> event.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("listening on 0.0.0.0, which is not a loopback address, without AuthTokenFile: anyone"
                        + " who reaches it can create and delete pods; set AuthTokenFile, or Host.BindAddress to"
                        + " 127.0.0.1, or Socket");
    }

    @Test
    void serves_https_with_a_pkcs12_key_store_and_still_asks_for_the_token() throws Exception {
        String password = "store-password";
        Path store = selfSignedKeyStore(password);

        try (PluginHost host = PluginHost.start(settings(new ListenAddress.Tcp("127.0.0.1", 0),
                Optional.of(new TlsKeyStore(store, password))), new TestRuntime(), PluginMetrics.open())) {
            assertThat(host.uri().getScheme()).isEqualTo("https");
            HttpClient https = HttpClient.newBuilder().sslContext(trusting(store, password)).build();
            HttpRequest.Builder ping = HttpRequest.newBuilder(host.uri().resolve("/status"))
                    .method("GET", HttpRequest.BodyPublishers.ofString("[]"));

            HttpResponse<String> anonymous = https.send(ping.build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> authorised = https.send(ping.header("Authorization", "Bearer " + TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(authorised.statusCode()).isEqualTo(200);
            assertThat(authorised.body()).isEqualTo("{\"status\":\"ok\"}");
        }
    }

    @Test
    void does_not_start_when_the_key_store_password_is_wrong_and_says_where() throws Exception {
        Path store = selfSignedKeyStore("store-password");
        TestRuntime runtime = new TestRuntime();

        assertThatThrownBy(() -> PluginHost.start(settings(new ListenAddress.Tcp("127.0.0.1", 0),
                Optional.of(new TlsKeyStore(store, "wrong-password"))), runtime, PluginMetrics.open()))
                .isInstanceOf(HostStartException.class)
                .hasMessageStartingWith("cannot listen on https://127.0.0.1:0: ")
                .hasMessageNotContaining("wrong-password");
        assertThat(runtime.closed).isTrue();
    }

    /** A PKCS12 key store with a self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
    private Path selfSignedKeyStore(String password) throws Exception {
        Path store = directory.resolve("plugin.p12");
        Path log = directory.resolve("keytool.log");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "plugin", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", password)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(Files.readString(log)).isZero();
        return store;
    }

    private static SSLContext trusting(Path store, String password) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, password.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static HostSettings settings(ListenAddress listen, Optional<TlsKeyStore> tls) {
        return new HostSettings(listen, HostSettings.DEFAULT_MAX_REQUEST_BYTES, Optional.empty(), Verbosity.NORMAL,
                HostSettings.DEFAULT_IDLE_TIMEOUT, Optional.of(new BearerToken(TOKEN)), tls);
    }

    private static HostSettings open(ListenAddress listen) {
        return new HostSettings(listen, HostSettings.DEFAULT_MAX_REQUEST_BYTES, Optional.empty(), Verbosity.NORMAL,
                HostSettings.DEFAULT_IDLE_TIMEOUT, Optional.empty(), Optional.empty());
    }
}
