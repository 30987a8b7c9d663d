package eu.interlink.jvm.host.run;

import eu.interlink.jvm.api.runtime.PodRuntime;
import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.LogRequest;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.io.OutputStream;

/** Runs pods on a runtime in this process, with no HTTP in between; closing it closes the runtime and then {@code after}. */
public final class EmbeddedBackend implements PodBackend {

    private final PodRuntime runtime;
    private final String description;
    private final AutoCloseable after;

    /**
     * @param runtime     the open runtime, which this backend now owns
     * @param description what the pods run on, for messages
     * @param after       what to close once the runtime is closed, such as the plugin jars it was loaded from
     */
    public EmbeddedBackend(PodRuntime runtime, String description, AutoCloseable after) {
        this.runtime = runtime;
        this.description = description;
        this.after = after;
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
                after.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close " + after + ": " + e.getMessage(), e);
            }
        }
    }
}
