package eu.interlink.jvm.host.run;

import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.LogRequest;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Where the command line runs a pod: the runtime in this process, or a plugin that serves the interLink API. Its
 * calls are interLink's four, with their meaning and guarantees ({@link eu.interlink.jvm.api.runtime.PodRuntime}).
 * Every failure is a {@link RuntimeException} whose message is one line a person can act on.
 */
public interface PodBackend extends AutoCloseable {

    /** Accepts the pod and starts it in the background, as {@code POST /create}. */
    CreateResponse create(RetrievedPodData pod);

    /** The pod's status now, as {@code GET /status} with this one pod. */
    PodStatus status(Pod pod);

    /**
     * Writes a container's log into {@code out}, as {@code GET /getLogs}; with {@code Follow} it returns when the
     * container has ended.
     *
     * @throws IOException when {@code out} fails, or the log breaks off
     */
    void logs(LogRequest request, OutputStream out) throws IOException;

    /** Stops the pod and removes it, as {@code POST /delete}. */
    void delete(Pod pod);

    /** What the pods run on, for messages: such as {@code the plugin at http://127.0.0.1:4000}. */
    String description();

    /** Releases the backend's connections or runtime; pods keep running. */
    @Override
    void close();
}
