package eu.interlink.jvm.docker.probes;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.fabric8.kubernetes.api.model.HTTPGetActionBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code httpGet} checks against local HTTP and HTTPS servers, as kubelet judges the answers. */
class HttpGetCheckTest {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final String LOCALHOST = "127.0.0.1";

    private static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(4);
    private static final HttpClient CLIENT = ProbeHttp.client(EXECUTOR, Duration.ofSeconds(5));
    private static final CountDownLatch END = new CountDownLatch(1);
    private static HttpServer http;
    private static HttpsServer https;

    @BeforeAll
    static void startServers(@TempDir Path folder) throws Exception {
        http = HttpServer.create(new InetSocketAddress(LOCALHOST, 0), 0);
        http.createContext("/ok", exchange -> answer(exchange, 200));
        http.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/broken");
            answer(exchange, 302);
        });
        http.createContext("/broken", exchange -> answer(exchange, 500));
        http.createContext("/headers", exchange -> answer(exchange,
                "yes".equals(exchange.getRequestHeaders().getFirst("X-Probe"))
                        && exchange.getRequestHeaders().getFirst("User-Agent").startsWith("kube-probe/") ? 200 : 400));
        http.createContext("/silent", exchange -> {
            awaitEnd();
            answer(exchange, 200);
        });
        http.setExecutor(EXECUTOR);
        http.start();
        https = HttpsServer.create(new InetSocketAddress(LOCALHOST, 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(selfSigned(folder)));
        https.createContext("/ok", exchange -> answer(exchange, 200));
        https.setExecutor(EXECUTOR);
        https.start();
    }

    @AfterAll
    static void stopServers() {
        END.countDown();
        http.stop(0);
        https.stop(0);
        EXECUTOR.shutdownNow();
    }

    @Test
    void aStatusFrom200To399SucceedsAndARedirectIsNotFollowed() {
        assertThat(check("HTTP", http.getAddress().getPort(), "/ok", List.of()).run(Duration.ofSeconds(5)))
                .isEqualTo(new CheckResult(true, "httpGet http://127.0.0.1:" + http.getAddress().getPort()
                        + "/ok answered 200"));
        assertThat(check("HTTP", http.getAddress().getPort(), "/moved", List.of()).run(Duration.ofSeconds(5))
                .success()).isTrue();
    }

    @Test
    void aStatusOf400OrMoreFails() {
        CheckResult result = check("HTTP", http.getAddress().getPort(), "/broken", List.of()).run(Duration.ofSeconds(5));

        assertThat(result.success()).isFalse();
        assertThat(result.detail()).endsWith("/broken answered 500");
    }

    @Test
    void theSpecsHeadersAndKubeletsUserAgentAreSent() {
        assertThat(check("HTTP", http.getAddress().getPort(), "/headers", List.of("X-Probe", "yes"))
                .run(Duration.ofSeconds(5)).success()).isTrue();
    }

    @Test
    void anAnswerThatDoesNotComeWithinTheTimeoutFails() {
        CheckResult result = check("HTTP", http.getAddress().getPort(), "/silent", List.of()).run(Duration.ofSeconds(1));

        assertThat(result.success()).isFalse();
        assertThat(result.detail()).endsWith("/silent got no answer within 1 s");
    }

    @Test
    void anHttpsEndpointIsProbedWithoutVerifyingItsSelfSignedCertificate() {
        CheckResult result = check("HTTPS", https.getAddress().getPort(), "/ok", List.of()).run(Duration.ofSeconds(5));

        assertThat(result.success()).as(result.detail()).isTrue();
    }

    private static Check check(String scheme, int port, String path, List<String> header) {
        HTTPGetActionBuilder get = new HTTPGetActionBuilder().withScheme(scheme).withPort(new IntOrString(port))
                .withPath(path);
        if (!header.isEmpty()) {
            get.addNewHttpHeader().withName(header.get(0)).withValue(header.get(1)).endHttpHeader();
        }
        return new Checks(CLIENT).probe(new ProbeBuilder().withHttpGet(get.build()).build(),
                new CheckTarget(null, null, LOCALHOST, List.of()));
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static void awaitEnd() {
        try {
            END.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A TLS context with a self-signed certificate made by the JDK's keytool for another host name. */
    private static SSLContext selfSigned(Path folder) throws Exception {
        Path store = folder.resolve("probe.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "probe", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=not-this-host",
                "-validity", "1", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        return context;
    }
}
