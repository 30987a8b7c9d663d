package eu.interlink.jvm.docker.lifecycle;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import eu.interlink.jvm.docker.engine.Backoff;
import eu.interlink.jvm.docker.engine.ContainerEvents;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.engine.Labels;
import eu.interlink.jvm.docker.pool.SandboxPool;
import eu.interlink.jvm.docker.sandbox.SandboxLayout;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices the sandboxes that die behind the runtime's back: their Docker-in-Docker container on the host exits, is
 * killed (for memory too) or is removed, as when the host engine restarts. A pod whose sandbox died is reported
 * terminated ({@link PodRecord#loseSandbox}) rather than frozen, and a dead member of the pool is replaced
 * ({@link SandboxPool#lost}).
 *
 * <p>Follows the host engine's events about this runtime's sandboxes and inspects the sandbox each names; each time
 * the event stream opens (first, and again after the host engine came back) it checks every sandbox, since deaths may
 * have gone untold meanwhile. A frozen (paused) sandbox lives: its pod's containers are inspected again, so that they
 * show as unknown while its inner engine does not answer, and again when it lives on, so that they show as they are.
 * Its owner starts it once and closes it.
 */
public final class SandboxDeaths implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxDeaths.class);
    /** The host's stream is one connection: it is opened again soon, so that a host engine back is noticed soon. */
    private static final Backoff RECONNECT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5));
    private static final Set<String> ALIVE = Set.of("running", "paused", "created", "restarting");

    private final Engine host;
    private final SandboxLayout layout;
    private final PodRegistry pods;
    private final SandboxPool pool;
    private final ContainerObserver observer;
    private final ScheduledExecutorService background;
    private final Clock clock;
    private final ContainerEvents events;

    /**
     * @param observer   inspects again the containers of a pod whose sandbox was frozen
     * @param background where the event stream waits to be opened again, and frozen sandboxes are inspected; owned by
     *                   the caller
     * @param clock      tells when a death was noticed, when Docker does not tell when it happened
     */
    public SandboxDeaths(Engine host, SandboxLayout layout, PodRegistry pods, SandboxPool pool,
            ContainerObserver observer, ScheduledExecutorService background, Clock clock) {
        this.host = host;
        this.layout = layout;
        this.pods = pods;
        this.pool = pool;
        this.observer = observer;
        this.background = background;
        this.clock = clock;
        this.events = new ContainerEvents(host, Map.of(Labels.ROLE, Labels.ROLE_SANDBOX,
                Labels.DATA_ROOT, layout.dataRootFolder().toString()), new ContainerEvents.Listener() {
                    @Override
                    public void connected() {
                        checkAll();
                    }

                    @Override
                    public void changed(String containerId, Map<String, String> attributes) {
                        Optional.ofNullable(attributes.get(Labels.SANDBOX_ID)).ifPresent(SandboxDeaths.this::check);
                    }

                    @Override
                    public void disconnected(String why, Duration retryIn) {
                        LOG.warn("Lost the host engine's events about sandboxes ({}); listening again in {} ms", why,
                                retryIn.toMillis());
                    }
                }, background, RECONNECT);
    }

    /** Starts following the host engine's events; returns at once. */
    public void start() {
        events.open();
    }

    /** Stops following the events. Idempotent. */
    @Override
    public void close() {
        events.close();
    }

    /** Checks every sandbox of a pod and of the pool; never throws. */
    void checkAll() {
        pods.all().stream().filter(pod -> pod.sandbox().isPresent()).map(PodRecord::sandboxId).forEach(this::check);
        pool.readyIds().forEach(this::check);
    }

    /** Inspects the sandbox on the host, and tells its pod, or the pool, when it died; never throws. */
    private void check(String sandboxId) {
        Optional<PodRecord> pod = pods.all().stream()
                .filter(record -> record.sandboxId().equals(sandboxId) && record.sandbox().isPresent()).findFirst();
        if (pod.isPresent() && pod.get().sandboxLost() != null) {
            return;
        }
        String name = layout.containerName(sandboxId);
        Instant at;
        String what;
        try {
            InspectContainerResponse container = host.call("inspect sandbox container " + name,
                    client -> client.inspectContainerCmd(name).exec());
            InspectContainerResponse.ContainerState state = container.getState();
            if (state == null || ALIVE.contains(state.getStatus())) {
                boolean paused = state != null && "paused".equals(state.getStatus());
                pod.filter(record -> paused || record.engineTrouble() != null).ifPresent(this::inspectLater);
                return;
            }
            at = Optional.ofNullable(ContainerSnapshot.time(state.getFinishedAt())).orElseGet(clock::instant);
            what = death(state) + " at " + at;
        } catch (NotFoundException e) {
            at = clock.instant();
            what = "was removed from the host engine (noticed at " + at + ")";
        } catch (RuntimeException e) {
            LOG.info("Could not check sandbox {} on the host engine: {}", sandboxId, DockerMessages.oneLine(e));
            return;
        }
        String message = "sandbox " + sandboxId + " died: its container " + name + " " + what;
        if (pod.isPresent()) {
            if (pod.get().loseSandbox(at, message)) {
                LOG.warn("Pod {} lost its containers: {}", pod.get().identity(), message);
            }
        } else {
            pool.lost(sandboxId);
        }
    }

    private static String death(InspectContainerResponse.ContainerState state) {
        if (Boolean.TRUE.equals(state.getOOMKilled())) {
            return "was killed for lack of memory (OOMKilled)";
        }
        Long exitCode = state.getExitCodeLong();
        return exitCode == null ? "is " + state.getStatus() : "exited with code " + exitCode;
    }

    private void inspectLater(PodRecord pod) {
        try {
            background.execute(() -> observer.reconcile(pod));
        } catch (RejectedExecutionException e) {
            LOG.debug("Pod {} is not inspected again: the runtime is closing", pod.identity());
        }
    }
}
