package eu.interlink.jvm.docker;

import eu.interlink.jvm.api.runtime.LogStream;
import eu.interlink.jvm.api.runtime.PodRuntime;
import eu.interlink.jvm.api.runtime.Readiness;
import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.LogRequest;
import eu.interlink.jvm.api.wire.NodeResources;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.engine.HostEngineMonitor;
import eu.interlink.jvm.docker.lifecycle.PodIdentity;
import eu.interlink.jvm.docker.lifecycle.PodRecord;
import eu.interlink.jvm.docker.lifecycle.PodRegistry;
import eu.interlink.jvm.docker.lifecycle.PodStarter;
import eu.interlink.jvm.docker.lifecycle.PodTeardown;
import eu.interlink.jvm.docker.lifecycle.PodValidator;
import eu.interlink.jvm.docker.logs.LogStreamer;
import eu.interlink.jvm.docker.sandbox.Sandbox;
import eu.interlink.jvm.docker.sandbox.SandboxLayout;
import eu.interlink.jvm.docker.status.PodStatusReader;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each pod in its own Docker-in-Docker sandbox on the host's Docker engine.
 *
 * <p>Create validates the pod, records it and starts it in the background ({@link PodStarter}); status reads the
 * pod's containers in its sandbox ({@link PodStatusReader}); logs stream from the sandbox's engine
 * ({@link LogStreamer}); delete stops the pod's start and removes the pod in the background ({@link PodTeardown}).
 * This runtime owns the background threads and the connection to the host engine, and stops them on close.
 */
public final class DockerRuntime implements PodRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(DockerRuntime.class);
    private static final long DEFAULT_GRACE_SECONDS = 30;

    private final PodRegistry pods;
    private final PodValidator validator;
    private final PodStarter starter;
    private final PodTeardown teardown;
    private final PodStatusReader statuses;
    private final LogStreamer logs;
    private final HostEngineMonitor monitor;
    private final SandboxLayout layout;
    private final Engine host;
    private final ExecutorService background;
    private final ExecutorService callWorkers;
    private final ConcurrentMap<String, CompletableFuture<Void>> removals = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param background  runs pod starts, removals and monitor refreshes; owned and shut down by this runtime
     * @param callWorkers runs bounded Docker calls; owned and shut down by this runtime, last
     */
    DockerRuntime(PodRegistry pods, PodValidator validator, PodStarter starter, PodTeardown teardown,
            PodStatusReader statuses, LogStreamer logs, HostEngineMonitor monitor, SandboxLayout layout, Engine host,
            ExecutorService background, ExecutorService callWorkers) {
        this.pods = pods;
        this.validator = validator;
        this.starter = starter;
        this.teardown = teardown;
        this.statuses = statuses;
        this.logs = logs;
        this.monitor = monitor;
        this.layout = layout;
        this.host = host;
        this.background = background;
        this.callWorkers = callWorkers;
    }

    @Override
    public CreateResponse create(RetrievedPodData data) {
        requireOpen();
        PodIdentity identity = validator.validate(data.pod());
        PodRecord pod = new PodRecord(identity, data.pod(), layout.newId());
        Optional<PodRecord> known = pods.addIfAbsent(pod);
        if (known.isPresent()) {
            return known.get().response();
        }
        try {
            background.execute(() -> starter.start(pod));
        } catch (RejectedExecutionException e) {
            pods.remove(identity.uid());
            throw new IllegalStateException("the Docker runtime is closed", e);
        }
        LOG.info("Accepted pod {} for sandbox {}", identity, pod.sandboxId());
        return pod.response();
    }

    @Override
    public void delete(Pod pod) {
        requireOpen();
        String uid = pod.getMetadata().getUid();
        Optional<PodRecord> known = pods.remove(uid);
        known.ifPresent(record -> record.cancellation().cancel());
        CompletableFuture<Void> removed = new CompletableFuture<>();
        if (removals.putIfAbsent(uid, removed) != null) {
            return;
        }
        Duration grace = gracePeriod(pod, known);
        known.map(PodRecord::startEnded).orElseGet(() -> CompletableFuture.completedFuture(null))
                .thenRunAsync(() -> {
                    known.flatMap(PodRecord::sandbox).ifPresent(Sandbox::close);
                    teardown.remove(known.map(record -> Set.of(record.sandboxId()))
                            .orElseGet(() -> teardown.sandboxesOf(uid)), grace);
                }, background)
                .whenComplete((done, failure) -> {
                    removals.remove(uid, removed);
                    if (failure != null) {
                        LOG.warn("Removing pod {} failed: {}", uid, DockerMessages.oneLine(failure));
                    }
                    removed.complete(null);
                });
    }

    @Override
    public PodStatus status(Pod pod) {
        return pods.find(pod.getMetadata().getUid()).map(statuses::of).orElseGet(() -> statuses.unknown(pod));
    }

    @Override
    public LogStream logs(LogRequest request) {
        return logs.open(request);
    }

    @Override
    public NodeResources capacity() {
        return monitor.capacity();
    }

    @Override
    public Readiness readiness() {
        return closed.get() ? new Readiness(false, "the Docker runtime is closed") : monitor.readiness();
    }

    /**
     * Stops followed logs and pod starts under way, lets removals under way finish (for at most the call timeout),
     * then stops the background threads and closes the engine connections. Running pods keep running.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        logs.close();
        pods.all().forEach(pod -> pod.cancellation().cancel());
        awaitRemovals();
        background.shutdown();
        try {
            if (!background.awaitTermination(host.callTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                background.shutdownNow();
            }
        } catch (InterruptedException e) {
            background.shutdownNow();
            Thread.currentThread().interrupt();
        }
        pods.all().forEach(pod -> pod.sandbox().ifPresent(Sandbox::close));
        host.close();
        callWorkers.shutdownNow();
    }

    private void awaitRemovals() {
        try {
            CompletableFuture.allOf(removals.values().toArray(CompletableFuture[]::new))
                    .get(host.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("{} pod removals did not finish before the runtime closed", removals.size());
        } catch (ExecutionException e) {
            // Each removal logs its own failure.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration gracePeriod(Pod pod, Optional<PodRecord> known) {
        Long seconds = graceOf(pod);
        if (seconds == null) {
            seconds = known.map(record -> graceOf(record.pod())).orElse(null);
        }
        return Duration.ofSeconds(seconds == null || seconds < 0 ? DEFAULT_GRACE_SECONDS : seconds);
    }

    private static Long graceOf(Pod pod) {
        return pod.getSpec() == null ? null : pod.getSpec().getTerminationGracePeriodSeconds();
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the Docker runtime is closed");
        }
    }
}
