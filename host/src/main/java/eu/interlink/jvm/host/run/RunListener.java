package eu.interlink.jvm.host.run;

import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.PodStatus;

/** What a {@link PodRun} tells as it goes; called from the run's threads, log lines from one thread per container. */
public interface RunListener {

    /** The backend accepted the pod. */
    void created(CreateResponse response);

    /** The pod's status differs from the one told before; the first status is told too. */
    void statusChanged(PodStatus status);

    /** A status request failed; it is asked again. Told once per reason, while the failures go on. */
    void statusFailed(String message);

    /** One line of a container's log, without its line end. */
    void logLine(String container, String line);

    /** A container's log could not be followed; its containers go on. */
    void logFailed(String container, String message);
}
