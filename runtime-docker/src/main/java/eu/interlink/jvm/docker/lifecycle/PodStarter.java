package eu.interlink.jvm.docker.lifecycle;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.docker.accelerators.DeviceAllocator;
import eu.interlink.jvm.docker.accelerators.DeviceLabels;
import eu.interlink.jvm.docker.accelerators.DeviceNeeds;
import eu.interlink.jvm.docker.accelerators.PodDevices;
import eu.interlink.jvm.docker.engine.Backoff;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.images.ImageSupplier;
import eu.interlink.jvm.docker.images.ImageUnavailableException;
import eu.interlink.jvm.docker.images.PullPolicy;
import eu.interlink.jvm.docker.network.PodNetworkFiles;
import eu.interlink.jvm.docker.recovery.PodJournal;
import eu.interlink.jvm.docker.sandbox.Sandbox;
import eu.interlink.jvm.docker.sandbox.SandboxClaims;
import eu.interlink.jvm.docker.sandbox.SandboxException;
import eu.interlink.jvm.docker.sandbox.SandboxFactory;
import eu.interlink.jvm.docker.sandbox.SandboxNeeds;
import eu.interlink.jvm.docker.sandbox.SandboxRemover;
import eu.interlink.jvm.docker.sandbox.SandboxResources;
import eu.interlink.jvm.docker.security.PodPolicy;
import eu.interlink.jvm.docker.spec.SpecContainers;
import eu.interlink.jvm.docker.volumes.HostPathType;
import eu.interlink.jvm.docker.volumes.MemoryVolumes;
import eu.interlink.jvm.docker.volumes.ResolvedMount;
import eu.interlink.jvm.docker.volumes.VolumeContent;
import eu.interlink.jvm.docker.volumes.VolumeWriter;
import io.fabric8.kubernetes.api.model.Container;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a pod, in the background: claims its sandbox ({@link SandboxClaims}), checks its host paths, and builds the
 * sandbox (with those paths, its host ports, its address and its cpu and memory), unless it was taken ready from the
 * pool (then it gives it the pod's cpu and memory); writes its volumes, {@code /etc/hosts} and
 * {@code /etc/resolv.conf} into the sandbox's folder and mounts its memory volumes, makes each image present in the
 * sandbox, runs the
 * init containers one by one to completion, then creates and starts the regular containers ({@link PodContainers}),
 * through the {@link ContainerSupervisor}, which restarts them as the pod's {@code restartPolicy} says.
 *
 * <p>The pod's {@code activeDeadlineSeconds} is timed by an {@link ActiveDeadline} from its acceptance
 * ({@link #armDeadline}).
 *
 * <p>An image that could not be pulled is pulled again after kubelet's pause, under any {@code restartPolicy}, its
 * containers waiting with {@code ErrImagePull} then {@code ImagePullBackOff}; the pause holds no starter.
 *
 * <p>A starter waits for each init container to end. One that failed ends the pod under {@code Never}; otherwise it
 * runs again after kubelet's pause ({@link RestartRule}), during which it holds no starter: the pause is a timer on
 * the background pool, after which the start goes on when a starter is free.
 *
 * <p>A start that fails while the host engine does not answer, before any of the pod's containers was made, begins
 * again once it answers (tried after pauses from 1 s doubling to 30 s), the pod waiting meanwhile with the reason.
 *
 * <p>Every failure ends in a state the pod's status reports (a reason and a message per container); a cancelled start
 * (delete, or the runtime's close) stops at the next step and leaves the removal to whoever cancelled it.
 */
public final class PodStarter {

    private static final Logger LOG = LoggerFactory.getLogger(PodStarter.class);
    private static final String VOLUMES_FOLDER = "volumes";
    private static final String IMAGE_PULL_BACK_OFF = "ImagePullBackOff";
    /** The reason of a pod's containers while it waits for devices to be free. */
    static final String WAITING_FOR_DEVICES = "WaitingForDevices";
    private static final Backoff OUTAGE_RETRIES = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    private final SandboxFactory sandboxes;
    private final SandboxClaims claims;
    private final SandboxResources resources;
    private final PodNetworkFiles networkFiles;
    private final ImageSupplier images;
    private final ContainerRunner runner;
    private final ContainerObserver observer;
    private final RestartRule restarts;
    private final ContainerSupervisor supervisor;
    private final ActiveDeadline deadline;
    private final RunGuard guard;
    private final Executor starters;
    private final ScheduledExecutorService background;
    private final PodPolicy policy;
    private final MemoryVolumes memoryVolumes;
    private final SandboxRemover remover;
    private final BooleanSupplier hostAnswers;
    private final DeviceAllocator devices;
    private final PodJournal journal;

    /**
     * @param observer   keeps each pod's record current with what its sandbox says about its containers
     * @param restarts   when and after what pause containers run again
     * @param starters   where a start goes on after an init container's pause; owned by the caller
     * @param background where pauses are timed and regular containers restarted; owned by the caller
     * @param policy     the operator's policy, which host paths must still meet once their links are followed
     * @param memoryVolumes mounts the pods' memory {@code emptyDir}s in their sandboxes
     * @param guard      runs each run's postStart hook and probes
     * @param remover    removes what a start made, before it begins again
     * @param hostAnswers asks the host engine, within the call timeout, whether it answers
     * @param devices    gives pods their devices
     * @param journal    notes when a pod that ended gave its devices back
     */
    public PodStarter(SandboxFactory sandboxes, SandboxClaims claims, SandboxResources resources,
            PodNetworkFiles networkFiles, ImageSupplier images, ContainerRunner runner,
            ContainerObserver observer, RestartRule restarts, Executor starters, ScheduledExecutorService background,
            PodPolicy policy, MemoryVolumes memoryVolumes, RunGuard guard, SandboxRemover remover,
            BooleanSupplier hostAnswers, DeviceAllocator devices, PodJournal journal) {
        this.sandboxes = sandboxes;
        this.claims = claims;
        this.resources = resources;
        this.networkFiles = networkFiles;
        this.images = images;
        this.runner = runner;
        this.observer = observer;
        this.restarts = restarts;
        this.supervisor = new ContainerSupervisor(restarts, background);
        this.deadline = new ActiveDeadline(runner, background);
        this.starters = starters;
        this.background = background;
        this.policy = policy;
        this.memoryVolumes = memoryVolumes;
        this.guard = guard;
        this.remover = remover;
        this.hostAnswers = hostAnswers;
        this.devices = devices;
        this.journal = journal;
    }

    /** Times the pod's {@code activeDeadlineSeconds}, if it has one, from now: call once the pod is accepted. */
    public void armDeadline(PodRecord pod) {
        deadline.arm(pod);
    }

    /** Runs the pod's start, unless the pod was stopped before it began; never throws. */
    public void start(PodRecord pod) {
        step(pod, () -> run(pod));
    }

    /** Runs one step of the start as a step of the pod's work, ending each failure in a reported state. */
    void step(PodRecord pod, Runnable step) {
        pod.runStep(() -> {
            try {
                step.run();
            } catch (CancellationException e) {
                LOG.debug("The start of pod {} was cancelled", pod.identity());
            } catch (RuntimeException e) {
                if (pod.nothingCreated() && !hostAnswers.getAsBoolean()) {
                    startOverLater(pod, e);
                } else {
                    fail(pod, reasonOf(pod, e));
                }
            }
        });
    }

    private static Reason reasonOf(PodRecord pod, RuntimeException failure) {
        if (failure instanceof SandboxException) {
            return new Reason("CreatePodSandboxError", failure.getMessage());
        }
        if (failure instanceof ImageUnavailableException unavailable) {
            return new Reason(unavailable.reason(), unavailable.getMessage());
        }
        LOG.warn("Pod {} failed to start", pod.identity(), failure);
        return new Reason("StartError", DockerMessages.oneLine(failure));
    }

    /**
     * Starts the pod again from the beginning after a pause (1 s doubling to 30 s), since its start failed while the
     * host engine did not answer and had created none of its containers; meanwhile the pod waits, saying why.
     */
    private void startOverLater(PodRecord pod, RuntimeException failure) {
        Duration pause = OUTAGE_RETRIES.after(pod.startPause());
        pod.startPause(pause);
        String why = "the Docker engine does not answer (" + DockerMessages.oneLine(failure) + "); trying again in "
                + pause.toSeconds() + " s";
        LOG.warn("Pod {} cannot start now: {}", pod.identity(), why);
        pod.waiting(new Reason(PodRecord.CONTAINER_CREATING, why));
        try {
            pod.cancellation().schedule(background, pause, () -> starters.execute(() -> startOver(pod)));
        } catch (RejectedExecutionException e) {
            LOG.debug("Pod {} is left as it is: the runtime is closing", pod.identity());
        }
    }

    /** Starts the pod from the beginning, once what an earlier try, or an earlier runtime, made of it is removed. */
    void startOver(PodRecord pod) {
        step(pod, () -> {
            pod.detach();
            remover.remove(pod.sandboxId());
            run(pod);
        });
    }

    private void run(PodRecord pod) {
        requireNotCancelled(pod);
        if (!acquireDevices(pod)) {
            return;
        }
        pod.waiting(new Reason(PodRecord.CONTAINER_CREATING, "claiming sandbox"));
        Map<String, String> claimLabels = new HashMap<>(pod.identity().labels());
        claimLabels.putAll(DeviceLabels.of(pod.devices()));
        claims.claim(pod.sandboxId(), claimLabels, pod.cancellation());
        SandboxNeeds needs;
        try {
            needs = prepareHostPaths(pod);
        } catch (InvalidPodException e) {
            fail(pod, new Reason(PodContainers.CONFIG_ERROR, e.getMessage()));
            return;
        }
        Sandbox sandbox = pod.sandbox().map(pooled -> limit(pod, pooled)).orElseGet(() -> build(pod,
                needs.withDevices(devices.exposures(pod.devices().byResource()))));
        observer.follow(pod, sandbox);
        Long fsGroup = fsGroupOf(pod);
        VolumeWriter volumes = new VolumeWriter(sandbox.folder().resolve(VOLUMES_FOLDER), fsGroup);
        try {
            volumes.write(pod.plan().volumes());
        } catch (IOException e) {
            fail(pod, new Reason(PodContainers.CONFIG_ERROR, "cannot write the pod's volumes: " + e.getMessage()));
            return;
        }
        List<ResolvedMount> podFiles;
        try {
            podFiles = networkFiles.write(pod.pod(), sandbox);
        } catch (IOException e) {
            fail(pod, new Reason(PodContainers.CONFIG_ERROR, "cannot write the pod's /etc/hosts and /etc/resolv.conf: "
                    + e.getMessage()));
            return;
        }
        memoryVolumes.mount(sandbox, volumes, pod.plan().volumes(), fsGroup);
        PodContainers containers = new PodContainers(pod, sandbox, volumes, podFiles, runner, observer, guard,
                devices);
        supplyImages(containers, List.copyOf(imagesToSupply(pod).entrySet()), 0, null);
    }

    /**
     * Gives the pod the devices it asks for, if any: true once it holds them; false while it waits for them (it
     * says why), and its start then begins again once they are free.
     */
    private boolean acquireDevices(PodRecord pod) {
        DeviceNeeds wanted = pod.plan().devices();
        if (!wanted.any()) {
            return true;
        }
        String uid = pod.identity().uid();
        returnDevicesWhenEnded(pod);
        Optional<PodDevices> given = devices.acquire(uid, wanted.total(),
                why -> pod.waiting(new Reason(WAITING_FOR_DEVICES, why)), () -> startWhenGranted(pod));
        if (given.isEmpty()) {
            LOG.info("Pod {} is {}", pod.identity(), devices.whyWaiting(uid));
            return false;
        }
        pod.holds(given.get());
        return true;
    }

    /**
     * Records that a pod an earlier runtime started holds these devices, which it gives back once it has ended, or
     * was removed.
     */
    public void hold(PodRecord pod, PodDevices given) {
        pod.holds(given);
        returnDevicesWhenEnded(pod);
    }

    /**
     * Gives the pod's devices back once it has ended, or takes it out of the queue, noting it in the journal first,
     * as its claim still names them.
     */
    private void returnDevicesWhenEnded(PodRecord pod) {
        pod.ended().thenRun(() -> {
            try {
                journal.devicesReturned(pod.identity().uid());
                devices.release(pod.identity().uid());
            } catch (UncheckedIOException e) {
                LOG.warn("Pod {} ended but keeps its devices until its delete: {}", pod.identity(), e.getMessage());
            }
        });
    }

    /**
     * Starts a pod that waited for its devices; gives them back when the pod was deleted meanwhile, or its active
     * deadline passed.
     */
    private void startWhenGranted(PodRecord pod) {
        try {
            starters.execute(() -> {
                start(pod);
                if (pod.cancellation().isCancelled() || pod.deadlineExceeded() != null) {
                    devices.release(pod.identity().uid());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Pod {} is left as it is: the runtime is closing", pod.identity());
        }
    }

    /**
     * Goes on with a pod that an earlier runtime started, whose sandbox runs with runs of the pod's containers in it,
     * adopted on the record ({@link PodRecoverer}): takes over each run (starts one that was made but never started,
     * guards one that runs), follows the sandbox's events, then goes on from where the start had come: the images of
     * the containers that have no run yet, the init containers that have not completed, and the regular containers,
     * each launched when it has no run yet and supervised when it has.
     */
    void resume(PodRecord pod, Sandbox sandbox) {
        pod.attach(sandbox);
        VolumeWriter volumes = new VolumeWriter(sandbox.folder().resolve(VOLUMES_FOLDER), fsGroupOf(pod));
        PodContainers containers = new PodContainers(pod, sandbox, volumes, networkFiles.written(pod.pod(), sandbox),
                runner, observer, guard, devices);
        SpecContainers.of(pod.pod().getSpec()).forEach(container -> pod.runs(container.getName())
                .ifPresent(runs -> containers.takeOver(container, runs.containerId())));
        observer.follow(pod, sandbox);
        supplyImages(containers, List.copyOf(imagesToSupply(pod).entrySet()), 0, null);
    }

    /**
     * Makes each image present in the sandbox, in order from {@code next}, then runs the containers. A pull that
     * failed is tried again after kubelet's pause, under any restart policy, as kubelet does: the containers of the
     * image wait with {@code ErrImagePull} and the registry's message after the first failure, with
     * {@code ImagePullBackOff} after the next ones; no starter is held meanwhile.
     *
     * @param lastPause the pause before this try of image {@code next}, or null for its first try
     */
    private void supplyImages(PodContainers containers, List<Map.Entry<String, PullPolicy>> toSupply, int next,
            Duration lastPause) {
        PodRecord pod = containers.pod();
        for (int index = next; index < toSupply.size(); index++) {
            requireNotCancelled(pod);
            String image = toSupply.get(index).getKey();
            try {
                images.supply(image, toSupply.get(index).getValue(), pod.plan().pullSecrets(), containers.engine(),
                        pod.cancellation(),
                        progress -> pod.waiting(new Reason(PodRecord.CONTAINER_CREATING, progress)));
            } catch (ImageUnavailableException e) {
                if (!e.reason().equals(ImageUnavailableException.PULL_FAILED)) {
                    throw e;
                }
                pullAgainLater(containers, toSupply, index, index == next ? lastPause : null, e.getMessage());
                return;
            }
            containersOf(pod, image).forEach(pod::containerWaitEnded);
        }
        if (!pod.initContainers().isEmpty()) {
            pod.waiting(new Reason(PodRecord.POD_INITIALIZING, null));
        }
        initialize(containers, 0);
    }

    private void pullAgainLater(PodContainers containers, List<Map.Entry<String, PullPolicy>> toSupply, int index,
            Duration lastPause, String failure) {
        PodRecord pod = containers.pod();
        String image = toSupply.get(index).getKey();
        List<String> missing = pod.plan().pullSecrets().missing();
        String why = missing.isEmpty() ? failure : failure + " (pull secrets not sent with the pod, so not used: "
                + String.join(", ", missing) + ")";
        Reason reason = lastPause == null ? new Reason(ImageUnavailableException.PULL_FAILED, why)
                : new Reason(IMAGE_PULL_BACK_OFF, "Back-off pulling image \"" + image + "\": " + why);
        containersOf(pod, image).forEach(name -> pod.containerWaiting(name, reason));
        pod.waiting(new Reason(PodRecord.CONTAINER_CREATING, "waiting for image " + image));
        Duration pause = restarts.pauseAfterFailedPull(lastPause);
        LOG.info("Pod {} could not get image {} ({}); pulling it again in {} s", pod.identity(), image, why,
                pause.toSeconds());
        try {
            pod.cancellation().schedule(background, pause, () -> starters.execute(
                    () -> step(pod, () -> supplyImages(containers, toSupply, index, pause))));
        } catch (RejectedExecutionException e) {
            LOG.debug("Pod {} is left as it is: the runtime is closing", pod.identity());
        }
    }

    /** The names of the pod's containers, init containers too, that run the image. */
    private static List<String> containersOf(PodRecord pod, String image) {
        return SpecContainers.of(pod.pod().getSpec()).filter(container -> image.equals(container.getImage()))
                .map(Container::getName).toList();
    }

    private Sandbox build(PodRecord pod, SandboxNeeds needs) {
        pod.waiting(new Reason(PodRecord.CONTAINER_CREATING, "building sandbox"));
        Sandbox sandbox = sandboxes.build(pod.sandboxId(), false, needs, pod.cancellation());
        pod.attach(sandbox);
        return sandbox;
    }

    /** Gives the pooled sandbox taken for the pod the pod's cpu and memory, which it was built without. */
    private Sandbox limit(PodRecord pod, Sandbox pooled) {
        resources.apply(pooled.id(), pod.plan().sandbox().resources());
        return pooled;
    }

    /**
     * Checks (and makes, when their type says so) the pod's host paths, before its sandbox mounts them: the needs of
     * its sandbox, with each host path's source replaced by where its links lead.
     *
     * @throws InvalidPodException why a host path cannot be mounted
     */
    private SandboxNeeds prepareHostPaths(PodRecord pod) {
        Map<Path, Path> sources = new HashMap<>();
        for (VolumeContent volume : pod.plan().volumes().volumes()) {
            if (volume instanceof VolumeContent.HostPath hostPath) {
                sources.put(hostPath.path(), HostPathType.prepare(hostPath, policy::hostPathRefusals));
            }
        }
        SandboxNeeds needs = pod.plan().sandbox();
        return needs.withHostPaths(needs.hostPaths().stream()
                .map(host -> new SandboxNeeds.HostBind(sources.get(host.path()), host.path(), host.readOnly()))
                .toList());
    }

    private static Long fsGroupOf(PodRecord pod) {
        var context = pod.pod().getSpec().getSecurityContext();
        return context == null ? null : context.getFsGroup();
    }

    /**
     * Each image the pod's containers that have no run yet use, once, with the most demanding of their pull policies.
     */
    private static Map<String, PullPolicy> imagesToSupply(PodRecord pod) {
        return SpecContainers.of(pod.pod().getSpec()).filter(container -> pod.runs(container.getName()).isEmpty())
                .collect(Collectors.toMap(Container::getImage, PullPolicy::of,
                        (one, other) -> one.compareTo(other) <= 0 ? one : other, LinkedHashMap::new));
    }

    /**
     * Runs the init containers in order from {@code next}, then the regular containers; stops when one fails, which
     * ends the pod or makes it run again after a pause. An init container that has a run already (just restarted, or
     * started by an earlier runtime) is not launched again: its run is waited for.
     */
    private void initialize(PodContainers containers, int next) {
        PodRecord pod = containers.pod();
        List<Container> inits = pod.initContainers();
        for (int index = next; index < inits.size(); index++) {
            requireNotCancelled(pod);
            Container init = inits.get(index);
            Optional<Reason> failure = pod.runs(init.getName()).isPresent() ? Optional.empty()
                    : containers.launch(init);
            if (failure.isPresent()) {
                pod.failContainer(init.getName(), failure.get());
                pod.failPod(initFailed(init, "CreateContainerError", "could not be created"));
                return;
            }
            String containerId = pod.runs(init.getName()).orElseThrow().containerId();
            ContainerSnapshot run = awaitExit(pod, containerId);
            if (run.exitStatus() != 0) {
                retryOrFail(containers, index, run);
                return;
            }
        }
        startContainers(containers);
    }

    private void retryOrFail(PodContainers containers, int index, ContainerSnapshot run) {
        PodRecord pod = containers.pod();
        Container init = pod.initContainers().get(index);
        Optional<Duration> pause = restarts.pauseAfter(pod, init.getName(), run);
        if (pause.isEmpty()) {
            pod.failPod(initFailed(init, "Error", "exited with code " + run.exitStatus()));
            return;
        }
        LOG.info("Init container {} of pod {} failed with code {}; running it again in {} ms", init.getName(),
                pod.identity(), run.exitStatus(), pause.get().toMillis());
        Runnable rerun = () -> {
            if (containers.restart(init, run, pause.get())) {
                initialize(containers, index);
            } else {
                retryOrFail(containers, index, run);
            }
        };
        try {
            pod.cancellation().schedule(background, pause.get(), () -> starters.execute(() -> step(pod, rerun)));
        } catch (RejectedExecutionException e) {
            LOG.debug("Pod {} is left as it is: the runtime is closing", pod.identity());
        }
    }

    private void startContainers(PodContainers containers) {
        PodRecord pod = containers.pod();
        pod.waiting(new Reason(PodRecord.CONTAINER_CREATING, "starting containers"));
        for (Container container : pod.containers()) {
            requireNotCancelled(pod);
            if (pod.runs(container.getName()).isPresent()) {
                supervisor.resume(containers, container);
            } else {
                supervisor.launch(containers, container);
            }
        }
        LOG.info("Pod {} started in sandbox {}", pod.identity(), pod.sandboxId());
    }

    /** Waits, as long as it takes, until the container's run ends, and returns how it ended. */
    private static ContainerSnapshot awaitExit(PodRecord pod, String containerId) {
        CompletableFuture<ContainerSnapshot> exit = pod.exit(containerId);
        Closeable stop = () -> exit.cancel(false);
        pod.cancellation().track(stop);
        try {
            return exit.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for container " + containerId);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } finally {
            pod.cancellation().untrack(stop);
        }
    }

    private static Reason initFailed(Container init, String how, String detail) {
        return new Reason("Init:" + init.getName() + ":" + how,
                "init container " + init.getName() + " " + detail + ", so the pod's containers did not run");
    }

    private static void requireNotCancelled(PodRecord pod) {
        if (pod.cancellation().isCancelled() || pod.deadlineExceeded() != null) {
            throw new CancellationException("the start of pod " + pod.identity() + " was cancelled");
        }
    }

    /**
     * Ends the pod as failed; one that failed before any of its containers was made is noted in the journal, since
     * a restarted runtime could not tell it from one that had not started yet.
     */
    private void fail(PodRecord pod, Reason reason) {
        LOG.info("Pod {} failed: {}: {}", pod.identity(), reason.reason(), reason.message());
        if (pod.nothingCreated()) {
            try {
                journal.failed(pod.identity().uid(), new PodJournal.Failure(reason.reason(), reason.message()));
            } catch (UncheckedIOException e) {
                LOG.warn("The failure of pod {} is not in the journal ({}): a restarted runtime would start it again",
                        pod.identity(), e.getMessage());
            }
        }
        pod.failPod(reason);
    }
}
