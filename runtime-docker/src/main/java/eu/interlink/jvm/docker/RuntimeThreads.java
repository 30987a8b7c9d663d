package eu.interlink.jvm.docker;

import eu.interlink.jvm.docker.engine.EventStreams;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The runtime's threads, in bounded pools of named daemon threads that go away when idle:
 * <ul>
 *   <li>{@code interlink-docker-starter-<n>}: pod starts, {@code Docker.PodStarters} at once; the others wait in
 *       turn;</li>
 *   <li>{@code interlink-docker-background-<n>}: pod removals and their retries, the restarts of pods' containers
 *       and the timers of their pauses, and readiness refreshes, as many;</li>
 *   <li>{@code interlink-docker-pool-<n>}: the sandbox pool's builds, {@code Docker.PoolBuildParallelism} at once, and
 *       its retries and removals;</li>
 *   <li>{@code interlink-docker-probe-<n>}: the runs of containers' probes, each bounded by its timeout, a few at
 *       once, so that probes never hold up pods' starts, restarts or removals (a postStart hook, unlike them, runs on
 *       the thread that started its container, as kubelet holds a pod's next container until it ends);</li>
 *   <li>{@code interlink-docker-hook-<n>}: the preStop hooks of deleted pods, side by side;</li>
 *   <li>{@code interlink-docker-kill-<n>}: the kills of runs whose postStart hook or probe failed (their preStop
 *       hook, then their stop, each for up to its grace period), apart from the hooks, so that kills never hold up a
 *       delete's hooks;</li>
 *   <li>{@code interlink-docker-http-<n>}: the exchanges of {@code httpGet} probes and hooks;</li>
 *   <li>{@code interlink-docker-event-io-<n>}: the reads of every engine's event stream, the pods' and the host's,
 *       without blocking ({@link EventStreams}): the same few threads whatever the number of pods;</li>
 *   <li>{@code interlink-docker-event-<n>}: what the event streams tell, each stream's events in order, the streams
 *       side by side;</li>
 *   <li>{@code interlink-docker-call-<n>}: bounded Docker calls, one for each of those threads at once, and some for
 *       the calls made on other threads: the host's request threads (logs); a call that waits for a worker waits
 *       within its timeout.</li>
 * </ul>
 * The runtime owns them and closes them last.
 */
final class RuntimeThreads {

    /**
     * How many calls the pods' event streams and the host's request threads may have under way at once before they
     * wait for a worker.
     */
    private static final int REQUEST_CALLS = 16;
    private static final Duration IDLE = Duration.ofSeconds(60);
    private static final int PROBE_THREADS = 4;
    private static final int HOOK_THREADS = 8;
    private static final int KILL_THREADS = 4;
    private static final int HTTP_THREADS = 2;
    /** A listener may wait on a sandbox that does not answer, up to a call's timeout: room for a few at once. */
    private static final int EVENT_THREADS = 16;

    private final ThreadPoolExecutor starters;
    private final ScheduledThreadPoolExecutor background;
    private final ScheduledThreadPoolExecutor pool;
    private final ScheduledThreadPoolExecutor probes;
    private final ThreadPoolExecutor hooks;
    private final ThreadPoolExecutor killers;
    private final ThreadPoolExecutor http;
    private final ThreadPoolExecutor calls;
    private final ThreadPoolExecutor eventDeliveries;
    private final EventStreams events;

    /**
     * @param podStarters  how many pods start at once ({@code Docker.PodStarters})
     * @param poolBuilders how many pool sandboxes are built at once ({@code Docker.PoolBuildParallelism})
     * @param connectTimeout how long opening an event stream's connection may take
     */
    RuntimeThreads(int podStarters, int poolBuilders, Duration connectTimeout) {
        starters = fixed(podStarters, "interlink-docker-starter");
        background = scheduled(podStarters, "interlink-docker-background");
        pool = scheduled(poolBuilders, "interlink-docker-pool");
        probes = scheduled(PROBE_THREADS, "interlink-docker-probe");
        hooks = fixed(HOOK_THREADS, "interlink-docker-hook");
        killers = fixed(KILL_THREADS, "interlink-docker-kill");
        http = fixed(HTTP_THREADS, "interlink-docker-http");
        eventDeliveries = fixed(EVENT_THREADS, "interlink-docker-event");
        calls = fixed(2 * podStarters + poolBuilders + PROBE_THREADS + HOOK_THREADS + KILL_THREADS + EVENT_THREADS
                + REQUEST_CALLS, "interlink-docker-call");
        events = new EventStreams(connectTimeout, eventDeliveries);
    }

    ExecutorService starters() {
        return starters;
    }

    ScheduledExecutorService background() {
        return background;
    }

    ScheduledExecutorService pool() {
        return pool;
    }

    ScheduledExecutorService probes() {
        return probes;
    }

    ExecutorService hooks() {
        return hooks;
    }

    ExecutorService killers() {
        return killers;
    }

    ExecutorService http() {
        return http;
    }

    ExecutorService calls() {
        return calls;
    }

    EventStreams events() {
        return events;
    }

    /**
     * Stops the starters, the background work, the pool's, the probes, the hooks and the kills at once (a pending retry, refresh or
     * probe is dropped, running ones are interrupted), waits up to {@code grace} for them to end, then ends the event
     * streams and stops the HTTP, event and call workers.
     */
    void close(Duration grace) {
        starters.shutdownNow();
        background.shutdownNow();
        pool.shutdownNow();
        probes.shutdownNow();
        hooks.shutdownNow();
        killers.shutdownNow();
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            starters.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            background.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            pool.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            probes.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            hooks.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            killers.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            events.close();
            eventDeliveries.shutdownNow();
            http.shutdownNow();
            calls.shutdownNow();
        }
    }

    private static ScheduledThreadPoolExecutor scheduled(int threads, String name) {
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(threads, new NamedDaemonThreads(name));
        pool.setKeepAliveTime(IDLE.toSeconds(), TimeUnit.SECONDS);
        pool.allowCoreThreadTimeOut(true);
        pool.setRemoveOnCancelPolicy(true);
        return pool;
    }

    private static ThreadPoolExecutor fixed(int threads, String name) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, IDLE.toSeconds(), TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new NamedDaemonThreads(name));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
