package eu.interlink.jvm.docker.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Times pods' starts: {@code interlink.pod.start}, a histogram of the time from a create being accepted until each of
 * the pod's regular containers has run (outcome {@value #RUNNING}: Docker started it; it may have ended since), or
 * until the pod ended without that (outcome {@value #FAILED}: a failure, its active deadline or its sandbox's death).
 * It includes every wait of the start: for a starter, for devices, for the sandbox, the images and the init
 * containers. A start that a delete or the runtime's close cuts short is not timed, nor are the pods a restarted
 * runtime takes over. Thread-safe.
 */
public final class PodStartTimer {

    static final String RUNNING = "running";
    static final String FAILED = "failed";

    private final MeterRegistry registry;

    /** @param registry where the timer is registered */
    public PodStartTimer(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Starts timing a pod's start, now that its create was accepted.
     *
     * @param running completes once each of its regular containers has run
     * @param ended   completes once it has ended for good
     */
    public void accepted(CompletableFuture<Void> running, CompletableFuture<Void> ended) {
        Timer.Sample sample = Timer.start(registry);
        AtomicBoolean timed = new AtomicBoolean();
        running.thenRun(() -> stop(sample, timed, RUNNING));
        ended.thenRun(() -> stop(sample, timed, FAILED));
    }

    private void stop(Timer.Sample sample, AtomicBoolean timed, String outcome) {
        if (timed.compareAndSet(false, true)) {
            sample.stop(Timer.builder("interlink.pod.start")
                    .description("Time from a pod's create being accepted until its containers have all run")
                    .tag("outcome", outcome)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(50))
                    .maximumExpectedValue(Duration.ofMinutes(10))
                    .register(registry));
        }
    }
}
