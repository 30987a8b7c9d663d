package eu.interlink.jvm.docker;

import eu.interlink.jvm.api.runtime.PodRuntime;
import eu.interlink.jvm.api.runtime.PodRuntimeProvider;
import eu.interlink.jvm.api.runtime.RuntimeContext;
import eu.interlink.jvm.api.runtime.RuntimeUnavailableException;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.engine.EngineFactory;
import eu.interlink.jvm.docker.engine.HostEngineMonitor;
import eu.interlink.jvm.docker.images.ImageSupplier;
import eu.interlink.jvm.docker.images.Images;
import eu.interlink.jvm.docker.lifecycle.ContainerRunner;
import eu.interlink.jvm.docker.lifecycle.PodRegistry;
import eu.interlink.jvm.docker.lifecycle.PodStarter;
import eu.interlink.jvm.docker.lifecycle.PodTeardown;
import eu.interlink.jvm.docker.lifecycle.PodValidator;
import eu.interlink.jvm.docker.logs.LogStreamer;
import eu.interlink.jvm.docker.sandbox.DindImageResolver;
import eu.interlink.jvm.docker.sandbox.SandboxFactory;
import eu.interlink.jvm.docker.sandbox.SandboxLayout;
import eu.interlink.jvm.docker.sandbox.SandboxRemover;
import eu.interlink.jvm.docker.sandbox.SandboxSecurity;
import eu.interlink.jvm.docker.status.PodStatusReader;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The {@code docker} runtime: each pod in its own Docker-in-Docker sandbox on the host's Docker engine.
 *
 * <p>{@link #open} reads the {@link DockerSettings}, connects to the engine that {@code DOCKER_HOST} names (by
 * default {@code unix:///var/run/docker.sock}) and pings it within the call timeout.
 */
public final class DockerRuntimeProvider implements PodRuntimeProvider {

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public PodRuntime open(RuntimeContext context) {
        DockerSettings settings = DockerSettings.from(context.settings());
        ExecutorService callWorkers = Executors.newCachedThreadPool(new NamedDaemonThreads("interlink-docker-call"));
        ExecutorService background = Executors.newCachedThreadPool(new NamedDaemonThreads("interlink-docker-pod"));
        EngineFactory engines = new EngineFactory(settings.callTimeout(), callWorkers);
        Engine host = engines.host();
        try {
            host.call("ping", client -> client.pingCmd().exec());
        } catch (RuntimeException e) {
            host.close();
            background.shutdownNow();
            callWorkers.shutdownNow();
            throw new RuntimeUnavailableException("no Docker engine answers at " + host.address() + " (" + DockerMessages.oneLine(e)
                    + "): start Docker (dockerd), or set DOCKER_HOST to the address of a running engine", e);
        }
        HostEngineMonitor monitor = new HostEngineMonitor(host, background, Clock.systemUTC());
        monitor.refresh();

        SandboxLayout layout = new SandboxLayout(settings.dataRootFolder());
        Images images = new Images(settings.imageTimeout());
        SandboxRemover remover = new SandboxRemover(host, layout);
        SandboxFactory sandboxes = new SandboxFactory(host, engines, layout,
                new DindImageResolver(host, images, settings.dindImage()),
                new SandboxSecurity(settings.dindSecurity()), remover, settings.sandboxStartTimeout());
        PodRegistry pods = new PodRegistry();
        return new DockerRuntime(
                pods,
                new PodValidator(),
                new PodStarter(sandboxes, new ImageSupplier(host, images), new ContainerRunner()),
                new PodTeardown(host, engines, layout, remover),
                new PodStatusReader(),
                new LogStreamer(pods, Clock.systemUTC()),
                monitor,
                layout,
                host,
                background,
                callWorkers);
    }
}
