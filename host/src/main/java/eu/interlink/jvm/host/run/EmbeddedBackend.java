package eu.interlink.jvm.host.run;

import eu.interlink.jvm.api.runtime.PodRuntime;
import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.LogRequest;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Runs pods on a runtime in this process, with no HTTP in between; closing it closes the runtime, which waits for the
 * removals under way, and then cleans up after it.
 */
public final class EmbeddedBackend implements PodBackend {

    private final PodRuntime runtime;
    private final String description;
    private final Cleanup cleanup;
    private volatile boolean deleted;

    /** What is left to do once the runtime is closed, such as closing the plugin jars it was loaded from. */
    @FunctionalInterface
    public interface Cleanup {
        /**
         * @param podsDeleted whether a pod was deleted, so that nothing of the pods should be left
         * @throws Exception when it cannot be done; its message says what is left, and where
         */
        void afterClose(boolean podsDeleted) throws Exception;
    }

    /**
     * @param runtime     the open runtime, which this backend now owns
     * @param description what the pods run on, for messages
     * @param cleanup     what to do once the runtime is closed
     */
    public EmbeddedBackend(PodRuntime runtime, String description, Cleanup cleanup) {
        this.runtime = runtime;
        this.description = description;
        this.cleanup = cleanup;
    }

    @Override
    public CreateResponse create(RetrievedPodData pod) {
        return runtime.create(pod);
    }

    @Override
    public PodStatus status(Pod pod) {
        return runtime.status(pod);
    }

    @Override
    public void logs(LogRequest request, OutputStream out) throws IOException {
        runtime.logs(request).writeTo(out);
    }

    @Override
    public void delete(Pod pod) {
        deleted = true;
        runtime.delete(pod);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        try {
            runtime.close();
        } finally {
            try {
                cleanup.afterClose(deleted);
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }
}
