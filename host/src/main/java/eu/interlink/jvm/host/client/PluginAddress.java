package eu.interlink.jvm.host.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a running interLink plugin answers: {@code http://HOST:PORT} (or {@code https://}) over TCP, or
 * {@code unix:///ABSOLUTE/PATH} over a unix domain socket, as interLink's {@code SidecarURL} names it. The port is
 * required: no default is guessed. {@link #toString()} gives the URL back, without a trailing slash.
 */
public sealed interface PluginAddress permits PluginAddress.Tcp, PluginAddress.UnixSocket {

    /** What {@link #parse} accepts, for messages. */
    String EXPECTED = "expected http://HOST:PORT, https://HOST:PORT or unix:///ABSOLUTE/PATH";

    /**
     * Reads a plugin URL; a trailing slash is accepted.
     *
     * @throws IllegalArgumentException with one line naming what is wrong, when {@code url} is not such a URL
     */
    static PluginAddress parse(String url) {
        Objects.requireNonNull(url, "url");
        int schemeEnd = url.indexOf("://");
        if (schemeEnd <= 0) {
            throw invalid(url, "has no scheme: " + EXPECTED);
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "http", "https" -> Tcp.parse(url);
            case "unix" -> UnixSocket.parse(url, url.substring(schemeEnd + "://".length()));
            default -> throw invalid(url, "has the scheme " + scheme + ": " + EXPECTED);
        };
    }

    /**
     * The base of the request URIs: the URL itself over TCP; {@code http://unix} over a socket, so that requests
     * carry {@code Host: unix} as interLink's do.
     */
    URI httpBase();

    private static IllegalArgumentException invalid(String url, String problem) {
        return new IllegalArgumentException("plugin URL '" + url + "' " + problem);
    }

    /**
     * HTTP/1.1 over TCP, with TLS when {@code secure}.
     *
     * @param secure whether the scheme is {@code https}
     * @param host   a host name or address; an IPv6 address in brackets, as in a URL
     * @param port   from 1 to 65535
     */
    record Tcp(boolean secure, String host, int port) implements PluginAddress {

        public Tcp {
            Objects.requireNonNull(host, "host");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        private static Tcp parse(String url) {
            URI uri;
            try {
                uri = new URI(url).parseServerAuthority();
            } catch (URISyntaxException e) {
                throw invalid(url, "is malformed: " + e.getReason() + " at index " + e.getIndex());
            }
            if (uri.getHost() == null) {
                throw invalid(url, "has no host: " + EXPECTED);
            }
            if (uri.getPort() == -1) {
                throw invalid(url, "has no port, as in " + uri.getScheme() + "://" + uri.getHost() + ":4000");
            }
            if (uri.getPort() < 1 || uri.getPort() > 65535) {
                throw invalid(url, "has a port out of range: " + uri.getPort());
            }
            if (uri.getRawUserInfo() != null) {
                throw invalid(url, "has user info, which the plugin API does not use");
            }
            String path = uri.getRawPath();
            if (!(path.isEmpty() || path.equals("/")) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw invalid(url, "has something after the port: a plugin serves its API at the root");
            }
            return new Tcp(uri.getScheme().equalsIgnoreCase("https"), uri.getHost(), uri.getPort());
        }

        @Override
        public URI httpBase() {
            return URI.create(toString());
        }

        @Override
        public String toString() {
            return (secure ? "https" : "http") + "://" + host + ":" + port;
        }
    }

    /**
     * Plain HTTP/1.1 over a unix domain socket.
     *
     * @param path the socket file, absolute
     */
    record UnixSocket(Path path) implements PluginAddress {

        private static final URI HTTP_BASE = URI.create("http://unix");

        public UnixSocket {
            Objects.requireNonNull(path, "path");
            if (!path.isAbsolute()) {
                throw new IllegalArgumentException("socket path not absolute: " + path);
            }
        }

        private static UnixSocket parse(String url, String path) {
            if (!path.startsWith("/")) {
                throw invalid(url, "has no absolute socket path, as in unix:///run/interlink/plugin.sock");
            }
            try {
                return new UnixSocket(Path.of(path));
            } catch (InvalidPathException e) {
                throw invalid(url, "has an invalid socket path: " + e.getReason());
            }
        }

        @Override
        public URI httpBase() {
            return HTTP_BASE;
        }

        @Override
        public String toString() {
            return "unix://" + path;
        }
    }
}
