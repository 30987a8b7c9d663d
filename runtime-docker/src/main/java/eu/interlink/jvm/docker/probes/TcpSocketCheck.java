package eu.interlink.jvm.docker.probes;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Opens a TCP connection to the port and closes it; succeeds when the connection is made within the timeout. */
final class TcpSocketCheck implements Check {

    private final String host;
    private final int port;

    TcpSocketCheck(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public CheckResult run(Duration timeout) {
        String what = "tcpSocket " + host + ":" + port;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
            return CheckResult.passed(what + " connected");
        } catch (IOException | IllegalArgumentException e) {
            return CheckResult.failed(what + " failed: " + e.getMessage());
        }
    }
}
