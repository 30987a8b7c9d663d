package eu.interlink.jvm.docker.security;

import com.github.dockerjava.api.model.Capability;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Linux capability names as Kubernetes writes them ({@code NET_RAW} or {@code CAP_NET_RAW}) and as Docker takes them,
 * and the set every container of the runtime has by default.
 */
public final class Capabilities {

    /** Every capability at once, in {@code add} or {@code drop}. */
    public static final String ALL = "ALL";

    /** What Docker (like containerd, as Kubernetes runs it) gives a container by default: adding one is a no-op. */
    static final Set<String> DEFAULTS = Set.of("CHOWN", "DAC_OVERRIDE", "FSETID", "FOWNER", "MKNOD", "NET_RAW",
            "SETGID", "SETUID", "SETFCAP", "SETPCAP", "NET_BIND_SERVICE", "SYS_CHROOT", "KILL", "AUDIT_WRITE");

    private static final String PREFIX = "CAP_";

    private Capabilities() {
    }

    /** The name without its {@code CAP_} prefix, upper case: {@code cap_net_raw} becomes {@code NET_RAW}. */
    public static String normalized(String name) {
        String upper = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
        return upper.startsWith(PREFIX) ? upper.substring(PREFIX.length()) : upper;
    }

    /** Whether the name, once normalized, is a Linux capability's, or ALL. */
    public static boolean isWellFormed(String name) {
        return of(name).isPresent();
    }

    /** The capability of this name, once normalized; empty when there is none. */
    public static Optional<Capability> of(String name) {
        try {
            return Optional.of(Capability.valueOf(normalized(name)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
