package eu.interlink.jvm.docker.engine;

import eu.interlink.jvm.docker.metrics.DockerCallMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What a test needs to reach real engines outside a runtime: an {@link EngineFactory} with its call workers and its
 * event streams, all stopped on close.
 */
public final class TestEngines implements AutoCloseable {

    private final ExecutorService calls = Executors.newCachedThreadPool();
    private final ExecutorService eventDeliveries = Executors.newCachedThreadPool();
    private final EventStreams events;
    private final EngineFactory factory;

    /** Engines whose calls are not counted. @param callTimeout the bound on each call */
    public TestEngines(Duration callTimeout) {
        this(callTimeout, new CompositeMeterRegistry());
    }

    /**
     * @param callTimeout the bound on each call
     * @param meters      where the engines' calls are counted
     */
    public TestEngines(Duration callTimeout, MeterRegistry meters) {
        events = new EventStreams(callTimeout, eventDeliveries);
        factory = new EngineFactory(callTimeout, calls, events, new DockerCallMeters(meters));
    }

    public EngineFactory factory() {
        return factory;
    }

    /** The threads that run the calls, for a test that needs workers of its own too. */
    public ExecutorService calls() {
        return calls;
    }

    @Override
    public void close() {
        events.close();
        eventDeliveries.shutdownNow();
        calls.shutdownNow();
    }
}
