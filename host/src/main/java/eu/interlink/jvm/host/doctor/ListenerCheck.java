package eu.interlink.jvm.host.doctor;

import eu.interlink.jvm.api.runtime.Diagnosis;
import eu.interlink.jvm.host.HostStartException;
import eu.interlink.jvm.host.UnixSocketFile;
import eu.interlink.jvm.host.config.ListenAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Whether the host could listen where its settings say: the TCP port free, or the unix socket's path usable. */
final class ListenerCheck {

    static final String NAME = "Listener";

    private ListenerCheck() {
    }

    static Diagnosis check(ListenAddress listen) {
        return listen instanceof ListenAddress.Tcp tcp ? tcp(tcp) : unix((ListenAddress.UnixSocket) listen);
    }

    private static Diagnosis tcp(ListenAddress.Tcp tcp) {
        String where = tcp.bindAddress() + ":" + tcp.port();
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(tcp.bindAddress(), tcp.port()));
            return Diagnosis.ok(NAME, where + " is free");
        } catch (IOException e) {
            return Diagnosis.fail(NAME, "cannot listen on " + where + ": " + e.getMessage(),
                    "stop what listens there (another plugin?), or set SidecarPort or Host.BindAddress");
        }
    }

    private static Diagnosis unix(ListenAddress.UnixSocket socket) {
        String where = "unix://" + socket.path();
        try {
            boolean stale = new UnixSocketFile(socket.path()).requireUsable();
            return Diagnosis.ok(NAME, where + (stale ? " holds a stale socket, which the start replaces" : " is free"));
        } catch (HostStartException e) {
            return Diagnosis.fail(NAME, e.getMessage(), "stop what listens there, or set Socket to another path");
        }
    }
}
