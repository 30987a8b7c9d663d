package eu.interlink.jvm.docker;

import eu.interlink.jvm.api.runtime.LogStream;
import eu.interlink.jvm.api.runtime.PodRuntime;
import eu.interlink.jvm.api.runtime.Readiness;
import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.LogRequest;
import eu.interlink.jvm.api.wire.NodeResources;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import eu.interlink.jvm.docker.accelerators.DeviceAllocator;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.engine.HostEngineMonitor;
import eu.interlink.jvm.docker.lifecycle.GracePeriod;
import eu.interlink.jvm.docker.lifecycle.PeriodicReconcile;
import eu.interlink.jvm.docker.lifecycle.PodIdentity;
import eu.interlink.jvm.docker.lifecycle.PodPlan;
import eu.interlink.jvm.docker.lifecycle.PodPlanner;
import eu.interlink.jvm.docker.lifecycle.PodRecord;
import eu.interlink.jvm.docker.lifecycle.PodRegistry;
import eu.interlink.jvm.docker.lifecycle.PodRemovals;
import eu.interlink.jvm.docker.lifecycle.PodStarter;
import eu.interlink.jvm.docker.lifecycle.PodValidator;
import eu.interlink.jvm.docker.lifecycle.SandboxDeaths;
import eu.interlink.jvm.docker.logs.LogStreamer;
import eu.interlink.jvm.docker.metrics.PodStartTimer;
import eu.interlink.jvm.docker.metrics.RuntimeGauges;
import eu.interlink.jvm.docker.pool.SandboxPool;
import eu.interlink.jvm.docker.sandbox.Sandbox;
import eu.interlink.jvm.docker.sandbox.SandboxLayout;
import eu.interlink.jvm.docker.status.PodStatusReader;
import io.fabric8.kubernetes.api.model.Pod;
import eu.interlink.jvm.docker.recovery.PodJournal;
import eu.interlink.jvm.docker.recovery.PodRecovery;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each pod in its own Docker-in-Docker sandbox on the host's Docker engine.
 *
 * <p>Create validates the pod, admits it, gives it a ready sandbox from the pool ({@link SandboxPool}) when there is
 * one and the pod needs nothing a pooled sandbox cannot have (else its start builds one) and queues its start for a free starter ({@link PodStarter}); status reads
 * what the pod's record knows ({@link PodStatusReader}), kept current by its sandbox's events and a periodic
 * reconcile ({@link PeriodicReconcile}), and by the host engine's events about sandboxes that die
 * ({@link SandboxDeaths}); logs stream from the sandbox's engine
 * ({@link LogStreamer}); delete stops the pod's start and its restarts, and removes the pod in the background
 * ({@link PodRemovals}).
 * Of a create and a delete of one UID, the delete wins, in whatever order they come: a deleted UID is not admitted
 * again ({@link PodRegistry}). This runtime owns its threads ({@link RuntimeThreads}), the pool, the connection to
 * the host engine and its gauges ({@link RuntimeGauges}), and stops them on close; it times the start of each pod it
 * accepts ({@link PodStartTimer}).
 */
public final class DockerRuntime implements PodRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(DockerRuntime.class);

    private final PodRegistry pods;
    private final PodJournal journal;
    private final DeviceAllocator devices;
    private final PodRecovery recovery;
    private final PodValidator validator;
    private final PodPlanner planner;
    private final PodStarter starter;
    private final PodRemovals removals;
    private final PodStatusReader statuses;
    private final PeriodicReconcile reconcile;
    private final SandboxDeaths deaths;
    private final LogStreamer logs;
    private final HostEngineMonitor monitor;
    private final RuntimeReadiness readiness;
    private final SandboxPool pool;
    private final SandboxLayout layout;
    private final Engine host;
    private final RuntimeThreads threads;
    private final PodStartTimer startTimes;
    private final RuntimeGauges gauges;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param pool    owned and closed by this runtime
     * @param threads runs everything in the background; owned and closed by this runtime, last
     * @param gauges  read the runtime's state; owned and closed by this runtime, first
     */
    DockerRuntime(PodRegistry pods, PodJournal journal, DeviceAllocator devices, PodRecovery recovery, PodValidator validator, PodPlanner planner, PodStarter starter, PodRemovals removals,
            PodStatusReader statuses, PeriodicReconcile reconcile, SandboxDeaths deaths, LogStreamer logs,
            HostEngineMonitor monitor, RuntimeReadiness readiness,
            SandboxPool pool, SandboxLayout layout, Engine host, RuntimeThreads threads, PodStartTimer startTimes,
            RuntimeGauges gauges) {
        this.pods = pods;
        this.journal = journal;
        this.devices = devices;
        this.recovery = recovery;
        this.validator = validator;
        this.planner = planner;
        this.starter = starter;
        this.removals = removals;
        this.statuses = statuses;
        this.reconcile = reconcile;
        this.deaths = deaths;
        this.logs = logs;
        this.monitor = monitor;
        this.readiness = readiness;
        this.pool = pool;
        this.layout = layout;
        this.host = host;
        this.threads = threads;
        this.startTimes = startTimes;
        this.gauges = gauges;
    }

    /**
     * Knows again the pods an earlier runtime left and starts taking them over, then starts filling the pool (which
     * first removes what no pod owns), reconciling the pods' status now and then, and noticing sandboxes that die.
     */
    void start() {
        recovery.recover();
        pool.start();
        reconcile.start();
        deaths.start();
    }

    @Override
    public CreateResponse create(RetrievedPodData data) {
        requireOpen();
        PodIdentity identity = validator.validate(data.pod());
        PodPlan plan = planner.plan(data);
        PodRegistry.Admission admission = pods.admit(identity, () -> journaled(data, identity, plan));
        PodRecord pod = admission.pod();
        if (!admission.admitted()) {
            return pod.response();
        }
        starter.armDeadline(pod);
        startTimes.accepted(pod.started(), pod.ended());
        try {
            threads.starters().execute(() -> starter.start(pod));
        } catch (RejectedExecutionException e) {
            pods.retire(identity.uid());
            throw new IllegalStateException("the Docker runtime is closed", e);
        }
        LOG.info("Accepted pod {} for {} sandbox {}", identity, pod.sandbox().isPresent() ? "pooled" : "new",
                pod.sandboxId());
        return pod.response();
    }

    /**
     * The record of an admitted pod, with a pooled sandbox when it can have one, once the journal holds it: a pod is
     * accepted only once a restarted runtime would know it.
     */
    private PodRecord journaled(RetrievedPodData data, PodIdentity identity, PodPlan plan) {
        Optional<Sandbox> pooled = pooled(plan);
        PodRecord pod = pooled.map(sandbox -> new PodRecord(identity, data.pod(), plan, sandbox))
                .orElseGet(() -> new PodRecord(identity, data.pod(), plan, layout.newId()));
        try {
            journal.accepted(data, pod.sandboxId(), pod.acceptedAt());
        } catch (UncheckedIOException e) {
            pooled.ifPresent(pool::giveBack);
            throw new IllegalStateException("pod " + identity + " was not accepted: " + e.getMessage(), e);
        }
        return pod;
    }

    /** A sandbox of the pool for the pod, unless it needs one built for it or the pool has none ready. */
    private Optional<Sandbox> pooled(PodPlan plan) {
        return plan.dedicatedSandbox() ? Optional.empty() : pool.take();
    }

    @Override
    public void delete(Pod pod) {
        requireOpen();
        PodIdentity identity = validator.identify(pod);
        Optional<PodRecord> known = pods.retire(identity.uid());
        Duration grace = gracePeriod(pod, known);
        try {
            journal.deleted(identity.uid(), grace, Instant.now());
        } catch (UncheckedIOException e) {
            LOG.warn("The delete of pod {} is not in the journal ({}): a runtime restarted before its removal ends"
                    + " would take the pod over again", identity, e.getMessage());
        }
        known.ifPresent(PodRecord::stop);
        removals.remove(known.map(PodRecord::identity).orElse(identity), known, grace);
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
        NodeResources engine = monitor.capacity();
        return new NodeResources(engine.cpu(), engine.memory(), engine.pods(), devices.availability());
    }

    @Override
    public Readiness readiness() {
        return closed.get() ? new Readiness(false, "the Docker runtime is closed") : readiness.now();
    }

    /**
     * Takes its gauges out of their registry, then stops followed logs, the reconcile, pod starts under way and
     * restarts (those under way and those that wait) and the event streams of pods, closes the pool (which removes its
     * unclaimed sandboxes), lets removals under way finish (each for as long as it may legitimately take: its grace
     * period and the timeouts of its calls), then stops the threads and closes the engine connections. Running pods
     * keep running.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        gauges.close();
        logs.close();
        reconcile.close();
        deaths.close();
        pods.all().forEach(PodRecord::stop);
        pool.close();
        removals.awaitUnderWay();
        threads.close(host.callTimeout());
        pods.all().forEach(pod -> pod.sandbox().ifPresent(Sandbox::close));
        host.close();
    }

    private static Duration gracePeriod(Pod pod, Optional<PodRecord> known) {
        Long seconds = graceOf(pod);
        if (seconds == null) {
            seconds = known.map(record -> graceOf(record.pod())).orElse(null);
        }
        return GracePeriod.of(seconds);
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
