package eu.interlink.jvm.docker.probes;

import java.net.Socket;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The HTTP client of {@code httpGet} probes and hooks. As kubelet, it does not verify the certificates of HTTPS
 * endpoints (neither their chain nor their host name): a probe checks that the container answers, not who it is.
 */
public final class ProbeHttp {

    private ProbeHttp() {
    }

    /**
     * A client whose work runs on {@code executor}.
     *
     * @param executor        where the client's exchanges run; owned by the caller, who stops it
     * @param connectTimeout  the bound on opening a connection, whatever a probe's timeout
     */
    public static HttpClient client(Executor executor, Duration connectTimeout) {
        return HttpClient.newBuilder()
                .executor(executor)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(trustingEveryone())
                .build();
    }

    private static SSLContext trustingEveryone() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustingEveryone()}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM offers no TLS", e);
        }
    }

    /** Accepts every server; an extended trust manager, so that the JDK does not check host names on top. */
    private static final class TrustingEveryone extends X509ExtendedTrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // Only servers are checked, and none is refused.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // Kubelet does not verify a probed container's certificate.
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // Only servers are checked, and none is refused.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // Kubelet does not verify a probed container's certificate.
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // Only servers are checked, and none is refused.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // Kubelet does not verify a probed container's certificate.
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
