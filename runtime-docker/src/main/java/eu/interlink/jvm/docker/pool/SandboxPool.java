package eu.interlink.jvm.docker.pool;

import eu.interlink.jvm.api.runtime.Readiness;
import eu.interlink.jvm.docker.engine.Backoff;
import eu.interlink.jvm.docker.engine.Cancellation;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.recovery.Leftovers;
import eu.interlink.jvm.docker.sandbox.Sandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warm pool: sandboxes built in advance ({@code AVAILABLEDINDS} of them), so that a pod starts without waiting
 * for one.
 *
 * <pre>
 *   start() ── removes what an earlier run left ({@link Leftovers}) ── builds up to the size, a few at once
 *   take()  ── a ready sandbox, or none ── builds its replacement, after a pause
 *   close() ── stops building, cancels the builds under way, removes the ready sandboxes
 * </pre>
 *
 * <p>Nothing waits for the pool: {@link #start} returns at once, and {@link #take} never waits. A taken sandbox is
 * the taker's alone. Its replacement is built after {@link #REFILL_PAUSE}: a sandbox's build keeps the host's CPUs
 * busy for a second or so, which the pod that took the sandbox needs to start its containers. A failed build is logged and retried after a pause that starts at 1 s and doubles up to 60 s
 * ({@link Backoff}), back to 1 s after a success; no build starts during the pause, unless a build under way succeeds.
 * A failed build leaves nothing.
 * Thread-safe.
 */
public final class SandboxPool {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxPool.class);
    private static final Backoff RETRIES = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
    /** Time for a pod to start in the sandbox it took before its replacement's build competes with it for CPU. */
    static final Duration REFILL_PAUSE = Duration.ofSeconds(1);

    private final int size;
    private final int parallelism;
    private final PoolMembers members;
    private final Leftovers leftovers;
    private final ScheduledExecutorService executor;
    private final Duration stopTime;
    private final long createdAt = System.nanoTime();
    private final Deque<Sandbox> ready = new ConcurrentLinkedDeque<>();
    private volatile String lastFailure;
    // Guarded by this:
    private Duration lastPause;
    private final Map<Cancellation, Future<?>> builds = new HashMap<>();
    private Future<?> sweep;
    private ScheduledFuture<?> retry;
    private boolean swept;
    private boolean filledOnce;
    private boolean closed;

    /**
     * @param size        how many sandboxes it keeps ready ({@code AVAILABLEDINDS}); 0 for no pool
     * @param parallelism how many it builds at once ({@code Docker.PoolBuildParallelism})
     * @param executor    where it builds, retries and removes; owned by the caller, who stops it after {@link #close()}
     * @param stopTime    how long {@link #close()} waits for the builds it cancels, and then for the removals
     */
    public SandboxPool(int size, int parallelism, PoolMembers members, Leftovers leftovers,
            ScheduledExecutorService executor, Duration stopTime) {
        this.size = size;
        this.parallelism = parallelism;
        this.members = members;
        this.leftovers = leftovers;
        this.executor = executor;
        this.stopTime = stopTime;
    }

    /** Starts, in the background, the removal of what an earlier run left, then the building; returns at once. */
    public synchronized void start() {
        sweep = executor.submit(() -> {
            leftovers.remove();
            synchronized (this) {
                swept = true;
                fill();
            }
        });
    }

    /**
     * A ready sandbox, now: each is given to one taker only. Taking one builds its replacement after
     * {@link #REFILL_PAUSE}.
     *
     * @return empty when none is ready
     */
    public Optional<Sandbox> take() {
        Sandbox sandbox = ready.pollFirst();
        if (sandbox != null) {
            synchronized (this) {
                if (!closed) {
                    executor.schedule(this::refill, REFILL_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        }
        return Optional.ofNullable(sandbox);
    }

    /** The ids of the ready sandboxes. */
    public Set<String> readyIds() {
        return ready.stream().map(Sandbox::id).collect(Collectors.toSet());
    }

    /** How many sandboxes are ready now. */
    public int readyCount() {
        return ready.size();
    }

    /** How many builds are under way now. */
    public synchronized int buildsUnderWay() {
        return builds.size();
    }

    /**
     * Drops the ready sandbox of this id, which died: removes what is left of it, in the background, and builds
     * another. Does nothing for a sandbox that is not ready in the pool (taken, or never its own).
     */
    public void lost(String sandboxId) {
        Optional<Sandbox> dead = ready.stream().filter(sandbox -> sandbox.id().equals(sandboxId)).findFirst();
        if (dead.isEmpty() || !ready.remove(dead.get())) {
            return;
        }
        LOG.warn("Pool sandbox {} died; building another", sandboxId);
        synchronized (this) {
            if (!closed) {
                executor.execute(() -> members.discard(dead.get()));
            }
            fill();
        }
    }

    /** Takes back a sandbox taken and not used, untouched; the pool may hold one more than its size for a while. */
    public void giveBack(Sandbox sandbox) {
        synchronized (this) {
            if (!closed) {
                ready.addFirst(sandbox);
                return;
            }
        }
        members.discard(sandbox);
    }

    /** Whether the pool is full, such as {@code pool 1/2 sandboxes ready}, with the last failure while it is not. */
    public Readiness readiness() {
        if (size == 0) {
            return new Readiness(true, "no sandbox pool (AVAILABLEDINDS is 0)");
        }
        int now = ready.size();
        String detail = "pool " + now + "/" + size + " sandboxes ready";
        String failure = lastFailure;
        return new Readiness(now >= size, failure == null ? detail : detail + "; the last build failed: " + failure);
    }

    /**
     * Stops building, cancels the builds under way and waits for them to remove what they made, then removes the
     * ready sandboxes; each wait is bounded by the stop time, and what is left then is logged. Idempotent.
     */
    public void close() {
        List<Future<?>> stopping = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (retry != null) {
                retry.cancel(false);
            }
            if (sweep != null) {
                stopping.add(sweep);
            }
            builds.forEach((cancellation, build) -> {
                cancellation.cancel();
                stopping.add(build);
            });
        }
        awaitAll(stopping, "the pool's builds did not stop");
        List<Future<?>> removals = new ArrayList<>();
        for (Sandbox sandbox = ready.pollFirst(); sandbox != null; sandbox = ready.pollFirst()) {
            Sandbox member = sandbox;
            removals.add(executor.submit(() -> members.discard(member)));
        }
        awaitAll(removals, "the pool's sandboxes were not all removed");
    }

    /** Starts builds while the pool lacks sandboxes, within the parallelism, unless a retry waits; holds the lock. */
    private void fill() {
        while (!closed && swept && retry == null && builds.size() < parallelism
                && ready.size() + builds.size() < size) {
            Cancellation cancellation = new Cancellation();
            builds.put(cancellation, executor.submit(() -> build(cancellation)));
        }
    }

    private void build(Cancellation cancellation) {
        Sandbox sandbox;
        try {
            sandbox = members.build(cancellation);
        } catch (CancellationException e) {
            ended(cancellation);
            return;
        } catch (RuntimeException e) {
            failed(cancellation, e);
            return;
        }
        if (!joined(cancellation, sandbox)) {
            members.discard(sandbox);
        }
    }

    /** Adds a built sandbox to the ready ones; false when the pool closed meanwhile. */
    private synchronized boolean joined(Cancellation cancellation, Sandbox sandbox) {
        builds.remove(cancellation);
        if (closed) {
            return false;
        }
        ready.addLast(sandbox);
        lastPause = null;
        lastFailure = null;
        if (retry != null) {
            // A build that works tells that what failed is over: no need to sit out the pause.
            retry.cancel(false);
            retry = null;
        }
        if (!filledOnce && ready.size() >= size) {
            filledOnce = true;
            LOG.info("The sandbox pool of {} is full, {} ms after it was opened", size,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - createdAt));
        }
        fill();
        return true;
    }

    private synchronized void failed(Cancellation cancellation, RuntimeException failure) {
        builds.remove(cancellation);
        lastFailure = DockerMessages.oneLine(failure);
        if (closed) {
            return;
        }
        if (retry != null) {
            LOG.warn("A pool sandbox could not be built: {}", lastFailure);
            return;
        }
        Duration pause = RETRIES.after(lastPause);
        lastPause = pause;
        LOG.warn("A pool sandbox could not be built: {}; trying again in {} s", lastFailure, pause.toSeconds());
        retry = executor.schedule(this::retry, pause.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void retry() {
        retry = null;
        fill();
    }

    private synchronized void refill() {
        fill();
    }

    private synchronized void ended(Cancellation cancellation) {
        builds.remove(cancellation);
    }

    private void awaitAll(List<Future<?>> tasks, String whenLate) {
        long deadline = System.nanoTime() + stopTime.toNanos();
        for (Future<?> task : tasks) {
            try {
                task.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                LOG.warn("{} within {} s; the next runtime on this DataRootFolder removes what they left", whenLate,
                        stopTime.toSeconds());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                LOG.warn("A task of the sandbox pool failed", e.getCause());
            }
        }
    }
}
