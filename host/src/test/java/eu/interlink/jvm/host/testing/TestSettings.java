package eu.interlink.jvm.host.testing;

import eu.interlink.jvm.host.config.HostSettings;
import eu.interlink.jvm.host.config.ListenAddress;
import eu.interlink.jvm.host.logging.Verbosity;
import java.time.Duration;
import java.util.Optional;

/** Host settings for tests, with the defaults wherever a test does not care. */
public final class TestSettings {

    private TestSettings() {
    }

    /** Listening on a free loopback port. */
    public static HostSettings loopback(int maxRequestBytes, Duration idleTimeout) {
        return new HostSettings(new ListenAddress.Tcp("127.0.0.1", 0), maxRequestBytes, Optional.empty(),
                Verbosity.NORMAL, idleTimeout, Optional.empty(), Optional.empty());
    }

    /** Listening there, with every default. */
    public static HostSettings listening(ListenAddress listen) {
        return new HostSettings(listen, HostSettings.DEFAULT_MAX_REQUEST_BYTES, Optional.empty(), Verbosity.NORMAL,
                HostSettings.DEFAULT_IDLE_TIMEOUT, Optional.empty(), Optional.empty());
    }
}
