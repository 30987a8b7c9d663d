package eu.interlink.jvm.docker.lifecycle;

import java.time.Instant;
import java.util.Set;

/**
 * That a pod's sandbox died behind the runtime's back (its Docker-in-Docker container on the host exited, was killed or
 * was removed), taking with it the containers that had not terminated then: they are reported terminated with the
 * reason kubelet gives containers it lost, {@value #REASON}, and SIGKILL's exit code.
 *
 * @param at         when the sandbox died, or when its death was noticed if the host engine does not tell
 * @param message    what happened to the sandbox, naming it
 * @param containers the names of the spec containers, init containers too, that had not terminated then
 */
public record SandboxLost(Instant at, String message, Set<String> containers) {

    /** Kubelet's reason for a container it lost. */
    public static final String REASON = "ContainerStatusUnknown";

    public SandboxLost {
        containers = Set.copyOf(containers);
    }

    /** Whether the sandbox's death ended the container of this name. */
    public boolean ended(String container) {
        return containers.contains(container);
    }
}
