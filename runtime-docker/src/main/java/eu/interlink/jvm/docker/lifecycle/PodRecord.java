package eu.interlink.jvm.docker.lifecycle;

import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.docker.engine.Cancellation;
import eu.interlink.jvm.docker.sandbox.Sandbox;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * What the runtime knows about one pod while its start runs and after: its spec, its sandbox, the inner container of
 * each spec container, and why containers that do not run yet wait or why they never will.
 *
 * <p>Written by the pod's start, read by status and logs at any time. Thread-safe.
 */
public final class PodRecord {

    /** The reason of a container that is being prepared. */
    public static final String CONTAINER_CREATING = "ContainerCreating";
    /** The reason of a container that waits for init containers. */
    public static final String POD_INITIALIZING = "PodInitializing";

    private final PodIdentity identity;
    private final Pod pod;
    private final PodPlan plan;
    private final String sandboxId;
    private final Cancellation cancellation = new Cancellation();
    private final AtomicBoolean startClaimed = new AtomicBoolean();
    private final CompletableFuture<Void> startEnded = new CompletableFuture<>();
    private final Map<String, String> containerIds = new ConcurrentHashMap<>();
    private final Map<String, Reason> containerFailures = new ConcurrentHashMap<>();
    private volatile Reason waiting = new Reason(CONTAINER_CREATING, "waiting for a free starter");
    private volatile Reason podFailure;
    private volatile Sandbox sandbox;

    /**
     * A pod whose start builds its own sandbox.
     *
     * @param identity  the pod's identity
     * @param pod       the pod as created
     * @param plan      what its start needs besides the spec
     * @param sandboxId the id of the sandbox to build for it, also its JID
     */
    public PodRecord(PodIdentity identity, Pod pod, PodPlan plan, String sandboxId) {
        this.identity = identity;
        this.pod = pod;
        this.plan = plan;
        this.sandboxId = sandboxId;
    }

    /**
     * A pod that runs in a sandbox built already, taken from the pool; its id is the pod's JID.
     *
     * @param identity the pod's identity
     * @param pod      the pod as created
     * @param plan     what its start needs besides the spec
     * @param ready    the sandbox, taken for this pod alone
     */
    public PodRecord(PodIdentity identity, Pod pod, PodPlan plan, Sandbox ready) {
        this(identity, pod, plan, ready.id());
        this.sandbox = ready;
    }

    public PodIdentity identity() {
        return identity;
    }

    public Pod pod() {
        return pod;
    }

    public PodPlan plan() {
        return plan;
    }

    public String sandboxId() {
        return sandboxId;
    }

    /** What create answered for this pod, and answers again for the same UID. */
    public CreateResponse response() {
        return new CreateResponse(identity.uid(), sandboxId);
    }

    /** The init containers of the spec, in order. */
    public List<Container> initContainers() {
        List<Container> containers = pod.getSpec().getInitContainers();
        return containers == null ? List.of() : containers;
    }

    /** The regular containers of the spec, in order. */
    public List<Container> containers() {
        return pod.getSpec().getContainers();
    }

    /** Whether the spec has a container, init or regular, of this name. */
    public boolean hasContainer(String name) {
        return Stream.concat(initContainers().stream(), containers().stream())
                .anyMatch(container -> container.getName().equals(name));
    }

    /** Stops the pod's start while it runs: a delete or the runtime's close. */
    Cancellation cancellation() {
        return cancellation;
    }

    /**
     * Stops the pod's start: cancels it while it runs, and makes sure that one still waiting for a starter never
     * begins (it has then ended). Idempotent.
     */
    public void cancelStart() {
        cancellation.cancel();
        if (startClaimed.compareAndSet(false, true)) {
            startEnded.complete(null);
        }
    }

    /** Completes when the pod's start has ended, however it ended, or when it was cancelled before it began. */
    CompletableFuture<Void> startEnded() {
        return startEnded;
    }

    /** Claims the start for the starter; false when it was cancelled first, and then it must not run. */
    boolean claimStart() {
        return startClaimed.compareAndSet(false, true);
    }

    void markStartEnded() {
        startEnded.complete(null);
    }

    /** The sandbox, once it is built, or from the start when it was taken from the pool. */
    public Optional<Sandbox> sandbox() {
        return Optional.ofNullable(sandbox);
    }

    void attach(Sandbox built) {
        sandbox = built;
    }

    /** The id of the inner container that runs the spec container of this name, once it is created. */
    public Optional<String> containerId(String name) {
        return Optional.ofNullable(containerIds.get(name));
    }

    void containerCreated(String name, String id) {
        containerIds.put(name, id);
    }

    /** Why the containers that do not exist yet wait. */
    public Reason waiting() {
        return waiting;
    }

    void waiting(Reason reason) {
        waiting = reason;
    }

    /** Why the container of this name will never run, or null while it still may. */
    public Reason failure(String name) {
        Reason own = containerFailures.get(name);
        return own != null ? own : podFailure;
    }

    void failContainer(String name, Reason reason) {
        containerFailures.put(name, reason);
    }

    void failPod(Reason reason) {
        podFailure = reason;
    }
}
