package eu.interlink.jvm.docker;

import eu.interlink.jvm.api.runtime.Diagnosis;
import eu.interlink.jvm.api.runtime.PodRuntime;
import eu.interlink.jvm.api.runtime.PodRuntimeProvider;
import eu.interlink.jvm.api.runtime.RuntimeContext;
import eu.interlink.jvm.api.runtime.RuntimeUnavailableException;
import eu.interlink.jvm.api.settings.PluginSettings;
import eu.interlink.jvm.api.wire.WireFormat;
import eu.interlink.jvm.docker.accelerators.DeviceAllocator;
import eu.interlink.jvm.docker.doctor.DockerDoctor;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.engine.EngineFactory;
import eu.interlink.jvm.docker.engine.HostEngineMonitor;
import eu.interlink.jvm.docker.images.ImageSupplier;
import eu.interlink.jvm.docker.images.Images;
import eu.interlink.jvm.docker.lifecycle.ContainerObserver;
import eu.interlink.jvm.docker.lifecycle.ContainerRunner;
import eu.interlink.jvm.docker.lifecycle.PeriodicReconcile;
import eu.interlink.jvm.docker.lifecycle.PodPlanner;
import eu.interlink.jvm.docker.lifecycle.PodRecoverer;
import eu.interlink.jvm.docker.lifecycle.PodRegistry;
import eu.interlink.jvm.docker.lifecycle.PodRemovals;
import eu.interlink.jvm.docker.lifecycle.PodStarter;
import eu.interlink.jvm.docker.lifecycle.PodTeardown;
import eu.interlink.jvm.docker.lifecycle.PodValidator;
import eu.interlink.jvm.docker.lifecycle.PreStopHooks;
import eu.interlink.jvm.docker.lifecycle.RestartRule;
import eu.interlink.jvm.docker.lifecycle.RunGuard;
import eu.interlink.jvm.docker.lifecycle.SandboxDeaths;
import eu.interlink.jvm.docker.lifecycle.SandboxPlanner;
import eu.interlink.jvm.docker.lifecycle.Tombstones;
import eu.interlink.jvm.docker.logs.LogStreamer;
import eu.interlink.jvm.docker.metrics.DockerCallMeters;
import eu.interlink.jvm.docker.metrics.ImageMeters;
import eu.interlink.jvm.docker.metrics.PodStartTimer;
import eu.interlink.jvm.docker.metrics.RuntimeGauges;
import eu.interlink.jvm.docker.network.PodIpNetwork;
import eu.interlink.jvm.docker.network.PodNetworkFiles;
import eu.interlink.jvm.docker.probes.Checks;
import eu.interlink.jvm.docker.probes.ProbeHttp;
import eu.interlink.jvm.docker.pool.PoolMembers;
import eu.interlink.jvm.docker.pool.SandboxPool;
import eu.interlink.jvm.docker.recovery.Leftovers;
import eu.interlink.jvm.docker.recovery.PodJournal;
import eu.interlink.jvm.docker.recovery.PodRecovery;
import eu.interlink.jvm.docker.sandbox.DindImageResolver;
import eu.interlink.jvm.docker.sandbox.RegistryFlags;
import eu.interlink.jvm.docker.sandbox.SandboxClaims;
import eu.interlink.jvm.docker.sandbox.SandboxFactory;
import eu.interlink.jvm.docker.sandbox.SandboxLayout;
import eu.interlink.jvm.docker.sandbox.SandboxMounts;
import eu.interlink.jvm.docker.sandbox.SandboxNetwork;
import eu.interlink.jvm.docker.sandbox.SandboxRemover;
import eu.interlink.jvm.docker.sandbox.SandboxResources;
import eu.interlink.jvm.docker.sandbox.SandboxSecurity;
import eu.interlink.jvm.docker.status.PodStatusReader;
import eu.interlink.jvm.docker.volumes.MemoryVolumes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code docker} runtime: each pod in its own Docker-in-Docker sandbox on the host's Docker engine.
 *
 * <p>{@link #open} reads the {@link DockerSettings}, connects to the engine that {@code DOCKER_HOST} names (by
 * default {@code unix:///var/run/docker.sock}) and pings it within the call timeout; the sandbox pool fills in the
 * background afterwards. Its meters go to the context's registry: its calls to Docker engines, the moves and pulls of
 * images, how long pods take to start, and gauges of its pods, its pool and its devices.
 */
public final class DockerRuntimeProvider implements PodRuntimeProvider {

    /** How long a deleted UID is refused by create, and how many such UIDs are kept at most. */
    private static final Duration TOMBSTONE_TIME = Duration.ofMinutes(10);
    private static final int TOMBSTONES = 10_000;
    /** How often a removal is tried, and the pause before its first retry (doubled before each next one). */
    private static final int REMOVAL_ATTEMPTS = 4;
    private static final Duration FIRST_REMOVAL_RETRY = Duration.ofSeconds(1);
    /**
     * How many bounded calls the pool's close may wait for, per phase: a cancelled build's last call and its removal,
     * then the removals of the ready sandboxes.
     */
    private static final int POOL_STOP_CALLS = 10;

    /** How often every sandbox and every running container is inspected, in case an engine's event was missed. */
    private static final Duration RECONCILE_PERIOD = Duration.ofSeconds(30);

    private final Duration firstRestartPause;
    private final Path hostSocket;

    /** The provider that {@link java.util.ServiceLoader} finds: containers restart after kubelet's pauses. */
    public DockerRuntimeProvider() {
        this(RestartRule.KUBELET_FIRST_PAUSE);
    }

    /** @param firstRestartPause the pause before a container's first restart, shorter in tests */
    DockerRuntimeProvider(Duration firstRestartPause) {
        this(firstRestartPause, null);
    }

    /**
     * @param firstRestartPause the pause before a container's first restart, shorter in tests
     * @param hostSocket        the unix socket of the host engine, such as a test's relay to it; null for the
     *                          address that {@code DOCKER_HOST} names
     */
    DockerRuntimeProvider(Duration firstRestartPause, Path hostSocket) {
        this.firstRestartPause = firstRestartPause;
        this.hostSocket = hostSocket;
    }

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public PodRuntime open(RuntimeContext context) {
        DockerSettings settings = DockerSettings.from(context.settings());
        MeterRegistry meters = context.meters();
        RuntimeThreads threads = new RuntimeThreads(settings.podStarters(), settings.poolBuildParallelism(),
                settings.callTimeout());
        EngineFactory engines = new EngineFactory(settings.callTimeout(), threads.calls(), threads.events(),
                new DockerCallMeters(meters));
        Engine host = hostSocket == null ? engines.host() : engines.unixSocket(hostSocket);
        try {
            host.call("ping", client -> client.pingCmd().exec());
        } catch (RuntimeException e) {
            host.close();
            threads.close(Duration.ZERO);
            throw new RuntimeUnavailableException("no Docker engine answers at " + host.address() + " (" + DockerMessages.oneLine(e)
                    + "): start Docker (dockerd), or set DOCKER_HOST to the address of a running engine", e);
        }
        Clock clock = Clock.systemUTC();
        HostEngineMonitor monitor = new HostEngineMonitor(host, threads.background(), clock);
        monitor.refresh();

        SandboxLayout layout = new SandboxLayout(settings.dataRootFolder());
        Images images = new Images(settings.imageTimeout());
        SandboxRemover remover = new SandboxRemover(host, layout);
        DindImageResolver dindImages = new DindImageResolver(host, images, settings.dindImage(),
                DindImageResolver.LOCAL_IMAGE);
        SandboxSecurity security = new SandboxSecurity(settings.dindSecurity());
        SandboxFactory sandboxes = new SandboxFactory(host, engines, layout, dindImages, security, remover,
                settings.sandboxStartTimeout(), new SandboxNetwork(host, settings.dindNetwork()),
                new RegistryFlags(settings.registryMirrors(), settings.insecureRegistries()),
                new DindImageResolver(host, images, settings.gpuDindImage(), settings.dindImage()));
        SandboxClaims claims = new SandboxClaims(host, layout, dindImages, remover);
        ImageSupplier imageSupplier = new ImageSupplier(host, images, new ImageMeters(meters));
        PodRegistry pods = new PodRegistry(new Tombstones(clock, TOMBSTONE_TIME, TOMBSTONES));
        PodJournal journal = new PodJournal(settings.dataRootFolder(), new WireFormat());
        RestartRule restarts = new RestartRule(firstRestartPause);
        ContainerRunner runner = new ContainerRunner();
        ContainerObserver observer = new ContainerObserver(runner, threads.background());
        Checks checks = new Checks(ProbeHttp.client(threads.http(), settings.callTimeout()));
        PreStopHooks preStops = new PreStopHooks(checks, threads.hooks());
        DeviceAllocator devices = DeviceAllocator.discovering(context.accelerators(), monitor.runtimes());
        PodPlanner planner = new PodPlanner(new SandboxPlanner(new PodIpNetwork(host, settings.podIpNetwork()),
                monitor::capacity), devices);
        PodStarter starter = new PodStarter(sandboxes, claims, new SandboxResources(host, layout),
                new PodNetworkFiles(host, layout), imageSupplier, runner, observer, restarts, threads.starters(),
                threads.background(), settings.podPolicy(), new MemoryVolumes(new SandboxMounts(host, layout)),
                new RunGuard(checks, preStops, threads.probes(), threads.killers()), remover, monitor::answersNow,
                devices, journal);
        PodRemovals removals = new PodRemovals(new PodTeardown(engines, layout, remover, claims, preStops), journal,
                threads.background(), settings.callTimeout(), REMOVAL_ATTEMPTS, FIRST_REMOVAL_RETRY,
                monitor::answersNow, devices);
        PodRecovery recovery = new PodRecovery(journal, pods, planner, starter,
                new PodRecoverer(host, layout, claims, sandboxes, runner, starter, threads.starters(),
                        threads.background()), removals, claims, devices, threads.starters());
        Leftovers leftovers = new Leftovers(layout, remover, () -> {
            Set<String> owned = new HashSet<>(removals.sandboxesUnderWay());
            owned.addAll(recovery.kept());
            pods.all().forEach(pod -> owned.add(pod.sandboxId()));
            return owned;
        });
        SandboxPool pool = new SandboxPool(settings.availableDinds(), settings.poolBuildParallelism(),
                new PoolMembers(layout, sandboxes, imageSupplier, settings.preloadImages(), remover),
                leftovers, threads.pool(), settings.callTimeout().multipliedBy(POOL_STOP_CALLS));
        SandboxDeaths deaths = new SandboxDeaths(host, layout, pods, pool, observer, threads.background(), clock);
        PodStatusReader statuses = new PodStatusReader(restarts);
        RuntimeGauges gauges = new RuntimeGauges(meters)
                .pods(() -> pods.all().stream().map(statuses::of).toList())
                .pool(pool::readyCount, settings.availableDinds(), pool::buildsUnderWay)
                .devices(devices.resources(), devices::free, devices::present);
        DockerRuntime runtime = new DockerRuntime(
                pods,
                journal,
                devices,
                recovery,
                new PodValidator(settings.podPolicy(), devices.resources()),
                planner,
                starter,
                removals,
                statuses,
                new PeriodicReconcile(pods, observer, deaths, threads.background(), RECONCILE_PERIOD),
                deaths,
                new LogStreamer(pods, clock),
                monitor,
                new RuntimeReadiness(monitor, dindImages, security, pool, threads.background(), clock),
                pool,
                layout,
                host,
                threads,
                new PodStartTimer(meters),
                gauges);
        runtime.start();
        return runtime;
    }

    /** Checks the data folder, the host engine, the DIND image and the sandbox privileges; see {@link DockerDoctor}. */
    @Override
    public List<Diagnosis> diagnose(PluginSettings pluginSettings) {
        DockerSettings settings = DockerSettings.from(pluginSettings);
        RuntimeThreads threads = new RuntimeThreads(1, 1, settings.callTimeout());
        EngineFactory engines = new EngineFactory(settings.callTimeout(), threads.calls(), threads.events(),
                new DockerCallMeters(new SimpleMeterRegistry()));
        try (Engine host = hostSocket == null ? engines.host() : engines.unixSocket(hostSocket)) {
            return new DockerDoctor(settings, host, threads.background()).diagnose();
        } finally {
            threads.close(Duration.ZERO);
        }
    }
}
