package eu.interlink.jvm.docker.lifecycle;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Now and then, has {@link SandboxDeaths} check every sandbox on the host, then the {@link ContainerObserver} inspect
 * the running containers of every known pod: a backstop for events that an engine never sent. Its owner starts it once
 * and closes it.
 */
public final class PeriodicReconcile implements AutoCloseable {

    private final PodRegistry pods;
    private final ContainerObserver observer;
    private final SandboxDeaths deaths;
    private final ScheduledExecutorService background;
    private final Duration period;
    private Future<?> schedule;

    /**
     * @param background where the reconcile runs; owned by the caller
     * @param period     the pause between the end of one reconcile and the start of the next
     */
    public PeriodicReconcile(PodRegistry pods, ContainerObserver observer, SandboxDeaths deaths,
            ScheduledExecutorService background, Duration period) {
        this.pods = pods;
        this.observer = observer;
        this.deaths = deaths;
        this.background = background;
        this.period = period;
    }

    /** Starts reconciling, the first time after one period. */
    public synchronized void start() {
        schedule = background.scheduleWithFixedDelay(() -> {
            deaths.checkAll();
            pods.all().forEach(observer::reconcile);
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops reconciling; one under way ends on its own. Idempotent. */
    @Override
    public synchronized void close() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }
}
