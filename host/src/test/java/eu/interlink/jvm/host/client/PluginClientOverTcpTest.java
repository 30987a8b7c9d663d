package eu.interlink.jvm.host.client;

import eu.interlink.jvm.host.config.ListenAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** {@link PluginClient} and a plugin over TCP. */
class PluginClientOverTcpTest extends PluginClientContract {

    @Override
    protected ListenAddress listen() {
        return new ListenAddress.Tcp("127.0.0.1", 0);
    }

    @Override
    protected PluginAddress nowhere() throws IOException {
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new PluginAddress.Tcp(false, "127.0.0.1", closed.getLocalPort());
        }
    }

    @Override
    protected String refusal() {
        return "Connection refused";
    }
}
