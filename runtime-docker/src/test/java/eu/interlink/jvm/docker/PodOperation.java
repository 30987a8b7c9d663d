package eu.interlink.jvm.docker;

import eu.interlink.jvm.api.wire.LogOptions;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;

/**
 * One call a test makes on the runtime while others run: what it does, to which pod, and how long after the others
 * were let go. Its text names all three, so that a failing interleaving reads as a list of calls.
 */
record PodOperation(Kind kind, Pod pod, Duration delay) {

    /** The runtime's calls. */
    enum Kind { CREATE, DELETE, STATUS, LOGS }

    static PodOperation create(Pod pod) {
        return new PodOperation(Kind.CREATE, pod, Duration.ZERO);
    }

    static PodOperation delete(Pod pod) {
        return new PodOperation(Kind.DELETE, pod, Duration.ZERO);
    }

    static PodOperation status(Pod pod) {
        return new PodOperation(Kind.STATUS, pod, Duration.ZERO);
    }

    static PodOperation logs(Pod pod) {
        return new PodOperation(Kind.LOGS, pod, Duration.ZERO);
    }

    /** Makes the call: the create's answer, the status, the log, or null for a delete. */
    Object apply(RuntimeFixture fixture) throws Exception {
        return switch (kind) {
            case CREATE -> fixture.create(pod);
            case DELETE -> {
                fixture.runtime.delete(pod);
                yield null;
            }
            case STATUS -> fixture.status(pod);
            case LOGS -> fixture.logs(pod, "main", LogOptions.DEFAULTS);
        };
    }

    String uid() {
        return pod.getMetadata().getUid();
    }

    @Override
    public String toString() {
        return kind + " " + pod.getMetadata().getName() + (delay.isZero() ? "" : " after " + delay.toMillis() + " ms");
    }
}
