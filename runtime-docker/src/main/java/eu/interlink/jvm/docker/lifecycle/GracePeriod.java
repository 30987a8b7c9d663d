package eu.interlink.jvm.docker.lifecycle;

import java.time.Duration;

/** How long a container may take to stop once asked: Kubernetes' {@code terminationGracePeriodSeconds}. */
public final class GracePeriod {

    /** Kubernetes' default grace period, for a pod that sets none. */
    private static final long DEFAULT_SECONDS = 30;

    private GracePeriod() {
    }

    /** The grace period of these seconds; the default for none, or a negative number. */
    public static Duration of(Long seconds) {
        return Duration.ofSeconds(seconds == null || seconds < 0 ? DEFAULT_SECONDS : seconds);
    }
}
