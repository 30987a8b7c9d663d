package eu.interlink.jvm.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A relay between a runtime and the real Docker engine, on a unix socket of its own, that a test can cut and restore,
 * as if the engine stopped and came back, without touching the engine that other tests use:
 * <ul>
 *   <li>{@link #cut()}: the socket refuses connections and the open ones are closed, as when the engine stops;</li>
 *   <li>{@link #blackhole()}: connections are accepted and never answered, as when the engine hangs (the open ones
 *       are closed);</li>
 *   <li>{@link #restore()}: connections reach the engine again (the blackholed ones are closed).</li>
 * </ul>
 * Each connection is copied both ways, byte for byte, by two threads of its own.
 */
final class EngineRelay implements AutoCloseable {

    private final Path socket;
    private final Path engine;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "engine-relay");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocketChannel server;
    private volatile boolean forwarding;

    private EngineRelay(Path socket, Path engine) {
        this.socket = socket;
        this.engine = engine;
    }

    /** A relay to the engine's unix socket, forwarding, on a socket of its own under {@code /tmp}. */
    static EngineRelay to(Path engine) throws IOException {
        Path socket = Files.createTempDirectory(Path.of("/tmp"), "ilj-relay-").resolve("docker.sock");
        EngineRelay relay = new EngineRelay(socket, engine);
        relay.restore();
        return relay;
    }

    /** Where the runtime finds the engine. */
    Path socket() {
        return socket;
    }

    /** The engine stops: new connections are refused and the open ones closed. */
    synchronized void cut() {
        stopListening();
        closeOpen();
    }

    /** The engine hangs: new connections are accepted and never answered; the open ones are closed. */
    synchronized void blackhole() {
        closeOpen();
        forwarding = false;
        listen();
    }

    /** The engine is back: connections reach it again; the ones accepted meanwhile and never answered are closed. */
    synchronized void restore() {
        closeOpen();
        forwarding = true;
        listen();
    }

    @Override
    public synchronized void close() throws IOException {
        stopListening();
        closeOpen();
        threads.shutdownNow();
        Files.deleteIfExists(socket.getParent());
    }

    private void listen() {
        if (server != null) {
            return;
        }
        try {
            Files.deleteIfExists(socket);
            ServerSocketChannel listening = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            listening.bind(UnixDomainSocketAddress.of(socket));
            server = listening;
            threads.execute(() -> accept(listening));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stopListening() {
        ServerSocketChannel listening = server;
        server = null;
        if (listening != null) {
            closeQuietly(listening);
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept(ServerSocketChannel listening) {
        while (listening.isOpen()) {
            SocketChannel client;
            try {
                client = listening.accept();
            } catch (IOException e) {
                return;
            }
            open.add(client);
            if (forwarding) {
                forward(client);
            }
        }
    }

    private void forward(SocketChannel client) {
        try {
            SocketChannel upstream = SocketChannel.open(UnixDomainSocketAddress.of(engine));
            open.add(upstream);
            threads.execute(() -> copy(client, upstream));
            threads.execute(() -> copy(upstream, client));
        } catch (IOException e) {
            closeQuietly(client);
            open.remove(client);
        }
    }

    /** Copies until either side ends, then closes both. */
    private void copy(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
        } catch (IOException e) {
            // One side closed or was cut: the connection ends.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private void closeOpen() {
        open.forEach(EngineRelay::closeQuietly);
        open.clear();
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing is all that is left to do.
        }
    }
}
