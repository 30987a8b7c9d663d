package eu.interlink.jvm.host.client;

import eu.interlink.jvm.host.config.ListenAddress;

/** {@link PluginClient} and a plugin over a unix socket. */
class PluginClientOverUnixSocketTest extends PluginClientContract {

    @Override
    protected ListenAddress listen() {
        return new ListenAddress.UnixSocket(directory.resolve("plugin.sock"));
    }

    @Override
    protected PluginAddress nowhere() {
        return new PluginAddress.UnixSocket(directory.resolve("absent.sock"));
    }

    @Override
    protected String refusal() {
        return "No such file or directory";
    }
}
