package eu.interlink.jvm.docker.lifecycle;

import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.docker.accelerators.PodDevices;
import eu.interlink.jvm.docker.engine.Cancellation;
import eu.interlink.jvm.docker.sandbox.Sandbox;
import eu.interlink.jvm.docker.spec.SpecContainers;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.function.UnaryOperator;

/**
 * What the runtime knows about one pod while its start runs and after: its spec, its sandbox, the runs of each spec
 * container, and why containers that do not run yet wait or why they never will.
 *
 * <p>Its work (its start, the restarts of its containers) runs in steps ({@link #runStep}) until the pod is stopped
 * ({@link #stop()}); a stopped pod's removal waits for the step under way ({@link #workEnded()}).
 *
 * <p>What Docker says about each container's current run is recorded here ({@link #observed}) by the
 * {@link ContainerObserver}, and what the run's postStart hook and probes say about it ({@link #health}) by the
 * {@link RunGuard}, so that status is read from memory, never from Docker.
 *
 * <p>Written by the pod's work and by the observer, read by status and logs at any time. Thread-safe.
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
    private final RestartPolicy restartPolicy;
    private final Cancellation cancellation = new Cancellation();
    private final AtomicInteger stepsUnderWay = new AtomicInteger();
    private final CompletableFuture<Void> workEnded = new CompletableFuture<>();
    private final Instant acceptedAt;
    private final Map<String, ContainerRuns> runs = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<ContainerSnapshot>> exits = new ConcurrentHashMap<>();
    private final Map<String, Reason> containerFailures = new ConcurrentHashMap<>();
    private final Map<String, Reason> containerWaits = new ConcurrentHashMap<>();
    private final Map<String, RunHealth> health = new ConcurrentHashMap<>();
    private final Set<CompletableFuture<Void>> followedLogs = ConcurrentHashMap.newKeySet();
    private volatile Reason engineTrouble;
    private volatile Reason waiting = new Reason(CONTAINER_CREATING, "waiting for a free starter");
    private volatile Reason podFailure;
    private volatile Sandbox sandbox;
    private volatile PodDevices devices = PodDevices.NONE;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private volatile Duration startPause;
    private volatile DeadlineExceeded deadlineExceeded;
    private volatile SandboxLost sandboxLost;

    /**
     * A pod whose start builds its own sandbox.
     *
     * @param identity  the pod's identity
     * @param pod       the pod as created, validated ({@link PodValidator})
     * @param plan      what its start needs besides the spec
     * @param sandboxId the id of the sandbox to build for it, also its JID
     */
    public PodRecord(PodIdentity identity, Pod pod, PodPlan plan, String sandboxId) {
        this(identity, pod, plan, sandboxId, Instant.now());
    }

    private PodRecord(PodIdentity identity, Pod pod, PodPlan plan, String sandboxId, Instant acceptedAt) {
        this.identity = identity;
        this.pod = pod;
        this.plan = plan;
        this.sandboxId = sandboxId;
        this.acceptedAt = acceptedAt;
        this.restartPolicy = RestartPolicy.of(pod.getSpec());
    }

    /**
     * A pod that runs in a sandbox built already, taken from the pool; its id is the pod's JID.
     *
     * @param identity the pod's identity
     * @param pod      the pod as created, validated ({@link PodValidator})
     * @param plan     what its start needs besides the spec
     * @param ready    the sandbox, taken for this pod alone
     */
    public PodRecord(PodIdentity identity, Pod pod, PodPlan plan, Sandbox ready) {
        this(identity, pod, plan, ready.id());
        this.sandbox = ready;
    }

    /**
     * A pod an earlier runtime accepted, as its journal tells it; its sandbox, if it has one still, is attached once
     * it was found again.
     *
     * @param acceptedAt when the earlier runtime accepted it, from which its active deadline counts
     */
    public static PodRecord recovered(PodIdentity identity, Pod pod, PodPlan plan, String sandboxId,
            Instant acceptedAt) {
        return new PodRecord(identity, pod, plan, sandboxId, acceptedAt);
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

    /** The spec's container, init or regular, of this name. */
    Optional<Container> spec(String name) {
        return SpecContainers.of(pod.getSpec()).filter(container -> container.getName().equals(name)).findFirst();
    }

    /** Whether the spec has a container, init or regular, of this name. */
    public boolean hasContainer(String name) {
        return SpecContainers.of(pod.getSpec())
                .anyMatch(container -> container.getName().equals(name));
    }

    /** Stops the pod's work while it waits: a delete or the runtime's close. */
    Cancellation cancellation() {
        return cancellation;
    }

    /**
     * Stops the pod's work: cancels the step under way, drops the restarts that wait for their pause, and makes sure
     * that no step begins from now on (a start still waiting for a starter never does). Idempotent.
     */
    public void stop() {
        cancellation.cancel();
        if (stepsUnderWay.get() == 0) {
            workEnded.complete(null);
        }
    }

    /** Completes once the pod was stopped and the step under way then, if any, has ended. */
    CompletableFuture<Void> workEnded() {
        return workEnded;
    }

    /**
     * Runs one step of the pod's work, unless the pod was stopped or its active deadline passed; false when the step
     * did not run.
     */
    boolean runStep(Runnable step) {
        stepsUnderWay.incrementAndGet();
        try {
            if (cancellation.isCancelled() || deadlineExceeded != null) {
                return false;
            }
            step.run();
            return true;
        } finally {
            if (stepsUnderWay.decrementAndGet() == 0 && cancellation.isCancelled()) {
                workEnded.complete(null);
            }
        }
    }

    RestartPolicy restartPolicy() {
        return restartPolicy;
    }

    /**
     * Whether the spec container of this name runs again after this run of it ended, as the policy says; never once
     * the pod's active deadline passed. A run failed when it exited with a code other than 0, or when the runtime
     * killed it because its postStart hook or a probe failed, whatever its code, as kubelet counts it.
     */
    boolean runsAgain(String name, ContainerSnapshot run) {
        if (deadlineExceeded != null || sandboxLost != null) {
            return false;
        }
        boolean init = initContainers().stream().anyMatch(container -> container.getName().equals(name));
        boolean failed = run.exitStatus() != 0 || health(run.containerId()).map(RunHealth::killed).isPresent();
        return init ? restartPolicy.restartsInitContainer(failed) : restartPolicy.restartsContainer(failed);
    }

    /** When the pod was accepted, by this runtime or an earlier one. */
    public Instant acceptedAt() {
        return acceptedAt;
    }

    /** How long ago the pod was accepted. */
    Duration activeFor() {
        return Duration.between(acceptedAt, Instant.now());
    }

    /**
     * Records that the pod's active deadline passed now, with the containers that had not terminated; from now on no
     * step of its work runs and no container runs again. False when it was recorded already.
     */
    synchronized boolean exceedDeadline(Instant at) {
        if (deadlineExceeded != null) {
            return false;
        }
        deadlineExceeded = new DeadlineExceeded(at, notTerminated());
        checkEnded();
        return true;
    }

    /**
     * Records that the pod's sandbox died, with the containers that had not terminated, and stops the pod's work: no
     * container runs again in a dead sandbox. Nothing is recorded once the active deadline passed, or when the death
     * was recorded already; false then.
     *
     * @param at      when it died
     * @param message what happened to it
     */
    public synchronized boolean loseSandbox(Instant at, String message) {
        if (sandboxLost != null || deadlineExceeded != null) {
            return false;
        }
        sandboxLost = new SandboxLost(at, message, notTerminated());
        stop();
        checkEnded();
        return true;
    }

    /** That the pod's sandbox died, or null while it lives (as far as is known). */
    public SandboxLost sandboxLost() {
        return sandboxLost;
    }

    private Set<String> notTerminated() {
        return SpecContainers.of(pod.getSpec()).map(Container::getName)
                .filter(name -> !terminated(name)).collect(Collectors.toSet());
    }

    /** That the pod's active deadline passed, or null while it has not (or the pod has none). */
    public DeadlineExceeded deadlineExceeded() {
        return deadlineExceeded;
    }

    /** Whether the container of this name has terminated for good, as far as is known. */
    private boolean terminated(String name) {
        ContainerRuns run = runs.get(name);
        if (run == null) {
            return failure(name) != null;
        }
        ContainerSnapshot current = run.current();
        return run.lost() != null || current != null && current.ended() && !runsAgain(name, current);
    }

    /** The sandbox, once it is built, or from the start when it was taken from the pool. */
    public Optional<Sandbox> sandbox() {
        return Optional.ofNullable(sandbox);
    }

    void attach(Sandbox built) {
        sandbox = built;
    }

    /** Lets go of the sandbox, for a start that begins again in a new one: closes the connection to its engine. */
    void detach() {
        Sandbox attached = sandbox;
        sandbox = null;
        if (attached != null) {
            attached.close();
        }
    }

    /** Counts a followed log of one of the pod's containers as under way until {@code ended} completes. */
    public void following(CompletableFuture<Void> ended) {
        followedLogs.add(ended);
        ended.whenComplete((ignored, failure) -> followedLogs.remove(ended));
    }

    /**
     * Waits until the followed logs under way have ended, at most this long: once its containers stopped, a pod's
     * sandbox is removed only after its engine has sent the end of each followed log.
     */
    void awaitFollowedLogs(Duration bound) {
        try {
            CompletableFuture.allOf(followedLogs.toArray(CompletableFuture[]::new))
                    .get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // The rest of a log that does not end in time is cut off with the sandbox.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether no inner container was ever made for the pod, as far as is known. */
    boolean nothingCreated() {
        return runs.isEmpty();
    }

    /** The pause before the last try to start the pod again while the host engine did not answer, or null. */
    Duration startPause() {
        return startPause;
    }

    void startPause(Duration pause) {
        startPause = pause;
    }

    /** The runs of the spec container of this name, once its first inner container is created. */
    public Optional<ContainerRuns> runs(String name) {
        return Optional.ofNullable(runs.get(name));
    }

    void containerCreated(String name, String id) {
        exits.put(id, new CompletableFuture<>());
        runs.put(name, ContainerRuns.first(id));
    }

    /**
     * Takes over the current run of a spec container that an earlier runtime started, as its sandbox's engine still
     * has it; what Docker says about it is then {@link #observed} as for any run.
     *
     * @param previous how the run before it ended, or null when it is the first
     */
    void adopted(String name, String containerId, int restartCount, ContainerSnapshot previous) {
        exits.put(containerId, new CompletableFuture<>());
        runs.put(name, ContainerRuns.adopted(containerId, restartCount, previous));
    }

    void containerRestarted(String name, String id, ContainerSnapshot ended, Duration pausedFor) {
        exits.put(id, new CompletableFuture<>());
        runs(name).map(ContainerRuns::previous).ifPresent(beforeLast -> health.remove(beforeLast.containerId()));
        runs.computeIfPresent(name, (key, before) -> before.restarted(id, ended, pausedFor));
        exits.remove(ended.containerId());
    }

    /** Whether the container of this id is the current run of one of the pod's spec containers. */
    boolean isCurrentRun(String containerId) {
        return runs.values().stream().anyMatch(run -> run.containerId().equals(containerId));
    }

    /** The name of the spec container whose current run has this container id, if one has. */
    Optional<String> containerOfRun(String containerId) {
        return runs.entrySet().stream().filter(run -> run.getValue().containerId().equals(containerId))
                .map(Map.Entry::getKey).findFirst();
    }

    /** Whether the container of this id is a current run that was seen ended already. */
    boolean seenEnded(String containerId) {
        return runs.values().stream().anyMatch(run -> run.containerId().equals(containerId) && run.current() != null
                && run.current().ended());
    }

    /** The containers of the current runs that have not ended, as far as is known. */
    List<String> runningContainers() {
        return runs.values().stream().filter(run -> !run.ended()).map(ContainerRuns::containerId).toList();
    }

    /**
     * Records what Docker says now about one of the pod's containers, unless it is about an older run or older than
     * what is known; completes the {@link #exit} of a run that ended.
     */
    void observed(ContainerSnapshot snapshot) {
        runs.replaceAll((name, before) -> before.observed(snapshot));
        engineTrouble = null;
        if (!started.isDone() && containers().stream().allMatch(container -> runs(container.getName())
                .filter(ContainerRuns::ran).isPresent())) {
            started.complete(null);
        }
        if (snapshot.ended()) {
            Optional.ofNullable(exits.get(snapshot.containerId())).ifPresent(exit -> exit.complete(snapshot));
            checkEnded();
        }
    }

    /** Records that the container of this id is gone, when it is a current run; its {@link #exit} then fails. */
    void lost(String containerId, Reason why) {
        runs.replaceAll((name, before) -> before.lost(containerId, why));
        Optional.ofNullable(exits.get(containerId))
                .ifPresent(exit -> exit.completeExceptionally(new IllegalStateException(why.message())));
        checkEnded();
    }

    /** How the run of the container of this id ends, once it has: completed when the run is seen to end. */
    CompletableFuture<ContainerSnapshot> exit(String containerId) {
        CompletableFuture<ContainerSnapshot> exit = exits.get(containerId);
        if (exit == null) {
            throw new IllegalStateException("container " + containerId + " is no current run of pod " + identity);
        }
        return exit;
    }

    /**
     * What the postStart hook and the probes of the run of the container of this id say about it; empty for a run
     * that has neither, which is started and ready as soon as it runs.
     */
    public Optional<RunHealth> health(String containerId) {
        return Optional.ofNullable(health.get(containerId));
    }

    /** Starts following the health of a run that has a postStart hook or probes. */
    void guarded(String containerId, RunHealth initial) {
        health.put(containerId, initial);
    }

    void health(String containerId, UnaryOperator<RunHealth> change) {
        health.computeIfPresent(containerId, (id, before) -> change.apply(before));
    }

    /** Why what is known of the running containers may be out of date: their engine does not answer; else null. */
    public Reason engineTrouble() {
        return engineTrouble;
    }

    void engineTrouble(Reason reason) {
        engineTrouble = reason;
    }

    void restartFailed(String name, Duration pausedFor) {
        runs.computeIfPresent(name, (key, before) -> before.pausedAgain(pausedFor));
    }

    /** Why the container of this name, which does not exist yet, waits: its own reason, else the pod's. */
    public Reason waiting(String name) {
        Reason own = containerWaits.get(name);
        return own != null ? own : waiting;
    }

    void containerWaiting(String name, Reason reason) {
        containerWaits.put(name, reason);
    }

    /** The container of this name waits with the pod's reason again. */
    void containerWaitEnded(String name) {
        containerWaits.remove(name);
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
        checkEnded();
    }

    void failPod(Reason reason) {
        podFailure = reason;
        checkEnded();
    }

    /** The devices the pod holds; none before it was given them. */
    public PodDevices devices() {
        return devices;
    }

    void holds(PodDevices given) {
        devices = given;
    }

    /**
     * Completes once each of the pod's regular containers has run, as Docker told it: the first time the pod got so
     * far, whatever came after.
     */
    public CompletableFuture<Void> started() {
        return started;
    }

    /**
     * Completes once the pod has ended for good and none of its containers runs any more: its sandbox died, or it
     * failed, or its active deadline passed, or each of its containers terminated and will not run again, and every
     * run that was started has been seen to end.
     */
    public CompletableFuture<Void> ended() {
        return ended;
    }

    private void checkEnded() {
        boolean over = podFailure != null || deadlineExceeded != null || notTerminated().isEmpty();
        if (sandboxLost != null || over && runningContainers().isEmpty()) {
            ended.complete(null);
        }
    }
}
