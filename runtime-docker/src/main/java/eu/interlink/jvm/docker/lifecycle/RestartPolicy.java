package eu.interlink.jvm.docker.lifecycle;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.Arrays;

/** A pod's {@code restartPolicy}: which of its containers that ended run again. */
enum RestartPolicy {

    ALWAYS("Always"),
    ON_FAILURE("OnFailure"),
    NEVER("Never");

    private final String name;

    RestartPolicy(String name) {
        this.name = name;
    }

    /**
     * The pod's policy; Kubernetes' default, {@code Always}, when it has none.
     *
     * @throws InvalidPodException when it names no policy
     */
    static RestartPolicy of(PodSpec spec) {
        String name = spec.getRestartPolicy();
        if (name == null) {
            return ALWAYS;
        }
        return Arrays.stream(values()).filter(policy -> policy.name.equals(name)).findFirst()
                .orElseThrow(() -> new InvalidPodException("spec.restartPolicy: '" + name
                        + "' is not Always, OnFailure or Never"));
    }

    /** Whether a regular container runs again after a run that failed, or not. */
    boolean restartsContainer(boolean failed) {
        return this == ALWAYS || this == ON_FAILURE && failed;
    }

    /** Whether an init container runs again after a run that failed, or not: one that failed does, unless Never. */
    boolean restartsInitContainer(boolean failed) {
        return this != NEVER && failed;
    }
}
