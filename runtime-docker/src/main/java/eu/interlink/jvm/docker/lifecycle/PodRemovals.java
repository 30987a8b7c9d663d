package eu.interlink.jvm.docker.lifecycle;

import eu.interlink.jvm.docker.engine.Backoff;
import eu.interlink.jvm.docker.accelerators.DeviceAllocator;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.recovery.PodJournal;
import eu.interlink.jvm.docker.sandbox.Sandbox;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes deleted pods in the background, and lets the runtime's close wait for the removals under way.
 *
 * <p>A removal waits until the pod's work under way, if any (its start, a restart), has ended, then removes the pod's own sandbox and every sandbox
 * claimed for its UID; the runtime's connection to the pod's sandbox is closed only once the removal ended, so that a
 * log followed meanwhile ends as its container does, with all it wrote. Removals of one UID run one after the other:
 * a second delete chains a removal behind the one under way instead of returning early, so that nothing a racing
 * start built is missed. A failed removal is tried again, with backoff, a few times; each failure is logged with what
 * was left behind. A removal that failed while the host engine does not answer is tried again, with backoff up to
 * 10 s, until it answers (or the runtime closes), and such tries are not counted. A pod is forgotten by the
 * {@link PodJournal} once its removal is done, so that a runtime restarted before that finishes it. Thread-safe.
 */
public final class PodRemovals {

    private static final Logger LOG = LoggerFactory.getLogger(PodRemovals.class);

    /**
     * How many bounded calls an attempt may make at most: the sandbox lists, SIGTERMs, SIGKILLs (and the wait for
     * them) and removals of one pod.
     */
    private static final int CALLS_PER_ATTEMPT = 12;
    private static final Duration LONGEST_OUTAGE_PAUSE = Duration.ofSeconds(10);

    /**
     * @param sandboxId the pod's own sandbox, when known: its record's, or the one an earlier runtime's journal names
     */
    private record Removal(PodIdentity pod, Optional<PodRecord> known, Optional<String> sandboxId, Duration grace,
            CompletableFuture<Void> after, long deadline, CompletableFuture<Void> done) {
    }

    private final PodTeardown teardown;
    private final PodJournal journal;
    private final DeviceAllocator devices;
    private final ScheduledExecutorService background;
    private final Duration callTimeout;
    private final int attempts;
    private final Duration firstRetry;
    private final Backoff outageRetries;
    private final BooleanSupplier hostAnswers;
    private final ConcurrentMap<String, Removal> underWay = new ConcurrentHashMap<>();

    /**
     * @param background  where removals and their retries run; owned by the caller, who stops it after
     *                    {@link #awaitUnderWay()}
     * @param callTimeout the bound on each call a removal makes
     * @param attempts    how often a removal is tried before it is given up
     * @param firstRetry  the pause before the first retry; it doubles before each next one
     * @param hostAnswers asks the host engine, within the call timeout, whether it answers
     * @param devices     takes back the devices of a pod once its removal is done
     */
    public PodRemovals(PodTeardown teardown, PodJournal journal, ScheduledExecutorService background,
            Duration callTimeout, int attempts, Duration firstRetry, BooleanSupplier hostAnswers,
            DeviceAllocator devices) {
        this.teardown = teardown;
        this.journal = journal;
        this.devices = devices;
        this.background = background;
        this.callTimeout = callTimeout;
        this.attempts = attempts;
        this.firstRetry = firstRetry;
        this.outageRetries = new Backoff(firstRetry, LONGEST_OUTAGE_PAUSE);
        this.hostAnswers = hostAnswers;
    }

    /**
     * Starts removing a deleted pod; returns at once.
     *
     * @param pod   the pod
     * @param known what the runtime knew of it, if anything
     * @param grace how long its containers may take to stop after SIGTERM
     */
    public void remove(PodIdentity pod, Optional<PodRecord> known, Duration grace) {
        start(pod, known, known.map(PodRecord::sandboxId), grace);
    }

    /**
     * Finishes the removal of a pod that an earlier runtime had begun, without its preStop hooks (they ran then);
     * returns at once.
     *
     * @param sandboxId the pod's sandbox, as that runtime's journal names it
     * @param grace     what is left of its grace period
     */
    public void finish(PodIdentity pod, String sandboxId, Duration grace) {
        start(pod, Optional.empty(), Optional.of(sandboxId), grace);
    }

    private void start(PodIdentity pod, Optional<PodRecord> known, Optional<String> sandboxId, Duration grace) {
        long now = System.nanoTime();
        long budget = budget(grace).toNanos();
        Removal removal = underWay.compute(pod.uid(), (uid, previous) -> {
            CompletableFuture<Void> after = previous == null ? CompletableFuture.completedFuture(null) : previous.done();
            long start = previous == null ? now : now + Math.max(previous.deadline() - now, 0);
            return new Removal(pod, known, sandboxId, grace, after, start + budget, new CompletableFuture<>());
        });
        removal.done().whenComplete((ignored, failure) -> {
            known.flatMap(PodRecord::sandbox).ifPresent(Sandbox::close);
            underWay.remove(pod.uid(), removal);
        });
        CompletableFuture.allOf(removal.after(), known.map(PodRecord::workEnded)
                        .orElseGet(() -> CompletableFuture.completedFuture(null)))
                .whenComplete((ignored, failure) -> schedule(removal, 1, Duration.ZERO, null));
    }

    /** The pods' own sandboxes of the removals under way. */
    public Set<String> sandboxesUnderWay() {
        return underWay.values().stream().flatMap(removal -> removal.sandboxId().stream()).collect(Collectors.toSet());
    }

    /**
     * Waits for the removals under way, each until it ends or has had as long as it may legitimately take: the time
     * for the pod's start to stop, its grace period, and the timeouts of the calls of its attempts, with their pauses.
     * Logs each that did not end.
     */
    public void awaitUnderWay() {
        for (Removal removal : underWay.values()) {
            try {
                removal.done().get(Math.max(0, removal.deadline() - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                LOG.warn("The removal of pod {} did not end before the runtime closed; its sandboxes may be left behind",
                        removal.pod());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                // Removals complete normally; each logs its own failure.
            }
        }
    }

    private Duration budget(Duration grace) {
        Duration pauses = firstRetry.multipliedBy((1L << (attempts - 1)) - 1);
        return callTimeout.plus(grace).plus(callTimeout.multipliedBy((long) CALLS_PER_ATTEMPT * attempts)).plus(pauses);
    }

    /** @param outagePause the pause before this attempt while the host engine did not answer, else null */
    private void schedule(Removal removal, int attempt, Duration delay, Duration outagePause) {
        try {
            background.schedule(() -> run(removal, attempt, outagePause), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.warn("The removal of pod {} was stopped by the runtime's close before attempt {}; its sandboxes may be"
                    + " left behind", removal.pod(), attempt);
            removal.done().complete(null);
        }
    }

    private void run(Removal removal, int attempt, Duration outagePause) {
        Set<String> sandboxes = new LinkedHashSet<>();
        removal.sandboxId().ifPresent(sandboxes::add);
        try {
            sandboxes.addAll(teardown.sandboxesOf(removal.pod().uid()));
            teardown.remove(sandboxes, attempt == 1 ? removal.grace() : Duration.ZERO,
                    attempt == 1 ? removal.known() : Optional.empty());
            journal.forget(removal.pod().uid());
            devices.release(removal.pod().uid());
            removal.done().complete(null);
        } catch (RuntimeException e) {
            if (!hostAnswers.getAsBoolean()) {
                Duration pause = outageRetries.after(outagePause);
                LOG.warn("Removing pod {} failed: {}; the host engine does not answer: trying again in {} ms, until it"
                        + " does", removal.pod(), DockerMessages.oneLine(e), pause.toMillis());
                schedule(removal, attempt, pause, pause);
                return;
            }
            List<String> remains = teardown.remains(sandboxes);
            if (attempt < attempts) {
                Duration pause = firstRetry.multipliedBy(1L << (attempt - 1));
                LOG.warn("Removing pod {} failed (attempt {} of {}): {}; left behind: {}; trying again in {} ms",
                        removal.pod(), attempt, attempts, DockerMessages.oneLine(e), remains, pause.toMillis());
                schedule(removal, attempt + 1, pause, null);
            } else {
                LOG.error("Gave up removing pod {} after {} attempts: {}; left behind: {}", removal.pod(), attempts,
                        DockerMessages.oneLine(e), remains);
                removal.done().complete(null);
            }
        }
    }
}
