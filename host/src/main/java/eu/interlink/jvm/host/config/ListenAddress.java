package eu.interlink.jvm.host.config;

import java.nio.file.Path;
import java.util.Objects;

/** Where the host listens: a TCP address or a unix domain socket. */
public sealed interface ListenAddress {

    /**
     * HTTP/1.1 over TCP, or HTTPS when the host has a TLS key store.
     *
     * @param bindAddress the address to bind, such as {@code 127.0.0.1}
     * @param port        the port, from 0 (any free port) to 65535
     */
    record Tcp(String bindAddress, int port) implements ListenAddress {

        public Tcp {
            Objects.requireNonNull(bindAddress, "bindAddress");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
    }

    /**
     * Plain HTTP/1.1 over a unix domain socket, as interLink dials {@code unix:///path}.
     *
     * @param path the socket file
     */
    record UnixSocket(Path path) implements ListenAddress {

        public UnixSocket {
            Objects.requireNonNull(path, "path");
        }
    }
}
