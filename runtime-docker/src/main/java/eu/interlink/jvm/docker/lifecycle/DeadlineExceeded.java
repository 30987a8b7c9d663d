package eu.interlink.jvm.docker.lifecycle;

import java.time.Instant;
import java.util.Set;

/**
 * That a pod's {@code activeDeadlineSeconds} passed: when, and which of its containers had not terminated then, which
 * are reported terminated with kubelet's reason and message for it.
 *
 * @param at         when the deadline passed
 * @param containers the names of the spec containers, init containers too, that had not terminated then
 */
public record DeadlineExceeded(Instant at, Set<String> containers) {

    /** Kubelet's reason for a pod whose active deadline passed. */
    public static final String REASON = "DeadlineExceeded";
    /** Kubelet's message for a pod whose active deadline passed. */
    public static final String MESSAGE = "Pod was active on the node longer than the specified deadline";

    public DeadlineExceeded {
        containers = Set.copyOf(containers);
    }

    /** Whether the deadline ended the container of this name. */
    public boolean ended(String container) {
        return containers.contains(container);
    }
}
