package eu.interlink.jvm.api.runtime;

import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.LogRequest;
import eu.interlink.jvm.api.wire.NodeResources;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * Runs the pods that interLink offloads: the one thing a plugin host needs from a runtime.
 *
 * <pre>
 *   virtual kubelet ──► interLink API server ──HTTP──► plugin host ──► PodRuntime ──► Docker, a batch system, ...
 *                                                     /create   ─►  create(pod)
 *                                                     /delete   ─►  delete(pod)
 *                                                     /status   ─►  status(pod), capacity() for the ping
 *                                                     /getLogs  ─►  logs(request).writeTo(out)
 * </pre>
 *
 * <p>Embedding a runtime in another Java interLink server takes a few lines:
 * <pre>{@code
 * PodRuntimeProvider provider = ServiceLoader.load(PodRuntimeProvider.class).findFirst().orElseThrow();
 * try (PodRuntime runtime = provider.open(new RuntimeContext(settings, accelerators))) {
 *     CreateResponse created = runtime.create(wire.readCreateRequest(body));
 *     PodStatus status = runtime.status(pod);          // cheap: call it as often as you like
 *     runtime.logs(logRequest).writeTo(response.getOutputStream());
 *     runtime.delete(pod);
 * }
 * }</pre>
 *
 * <p>What every implementation must guarantee:
 * <ul>
 *   <li><b>Thread safety.</b> Every method may be called from many threads at once, for the same pod or for
 *       different pods.</li>
 *   <li><b>Bounded time.</b> {@link #create}, {@link #delete}, {@link #status}, {@link #logs} and {@link #capacity}
 *       return within seconds, whatever the backend does: slow work runs in the background, and every call to the backend has a
 *       timeout. Only {@link LogStream#writeTo} with {@code Follow} may last as long as the container runs.</li>
 *   <li><b>Idempotency.</b> A second create of the same UID starts nothing new and answers as the first did; a
 *       delete of an unknown or already deleted pod succeeds.</li>
 *   <li><b>Honesty.</b> Nothing is dropped silently: a field the runtime cannot honour, or a failure while the pod
 *       starts, shows in the pod's status as a {@code waiting} or {@code terminated} reason and message.</li>
 * </ul>
 *
 * <p>Stability: this interface may grow default methods; its abstract methods change only with the major version.
 */
public interface PodRuntime extends AutoCloseable {

    /**
     * Accepts a pod and starts it in the background.
     *
     * <p>Validates what can be validated at once, records the pod and returns without waiting for it to run; what
     * happens next shows in {@link #status}. Calling it again with the same UID returns the same answer and starts
     * nothing.
     *
     * @param pod the pod and the objects its containers mount; never null
     * @return the pod's UID and the runtime's id for it; never null
     * @throws InvalidPodException when the pod cannot be run as asked; nothing is left behind
     * @throws RuntimeUnavailableException when the backend does not answer what create must know at once; nothing is
     *                                     left behind, and the same create may be sent again later
     */
    CreateResponse create(RetrievedPodData pod);

    /**
     * Stops the pod, gracefully within its {@code terminationGracePeriodSeconds}, and removes everything it used.
     *
     * <p>Returns once the removal is under way; succeeds for a pod that is unknown or already deleted. A create of
     * the same UID that is still in flight ends deleted.
     *
     * @param pod the pod as the virtual kubelet knows it; only its UID, name and namespace are needed; never null
     */
    void delete(Pod pod);

    /**
     * The pod's current status, from what the runtime already knows, without waiting on the backend.
     *
     * <p>Lists every container of the pod's spec, init containers too, in spec order, each with a state. A pod the
     * runtime does not know is answered as interLink expects: {@code waiting} with reason {@code ContainerCreating}
     * while its create may still be in flight (no {@code JobID} annotation), otherwise {@code terminated} with
     * reason {@code NotFound} so that it fails instead of hanging.
     *
     * @param pod the pod as the virtual kubelet knows it; never null. The plugin host passes only what a status is
     *            made of ({@link eu.interlink.jvm.api.wire.WireFormat#readPods}): the metadata's name, namespace,
     *            UID, labels and annotations, and the names and images of the containers and init containers
     * @return the status; never null
     */
    PodStatus status(Pod pod);

    /**
     * Opens a container's log. Returns at once: the pod and the container are looked up now, the log is read when
     * the answer is written.
     *
     * @param request which log, and which part of it; never null
     * @return the log, to be written once; never null
     * @throws PodNotFoundException when the runtime knows no such pod or container
     */
    LogStream logs(LogRequest request);

    /**
     * What this runtime's node can offer, for the health ping. A field that is not known is null, never zero.
     *
     * @return the capacity; never null ({@link NodeResources#UNKNOWN} when nothing is known)
     */
    NodeResources capacity();

    /**
     * Whether the runtime is ready to start pods promptly, and if not, why; for {@code /readyz}.
     *
     * @return the readiness; never null
     */
    Readiness readiness();

    /**
     * Stops the runtime's background work and releases its connections. Pods keep running: a runtime opened later
     * on the same backend takes them over.
     */
    @Override
    void close();
}
