package eu.interlink.jvm.docker;

import eu.interlink.jvm.api.runtime.Readiness;
import eu.interlink.jvm.docker.engine.BackgroundRefresh;
import eu.interlink.jvm.docker.engine.HostEngineMonitor;
import eu.interlink.jvm.docker.pool.SandboxPool;
import eu.interlink.jvm.docker.sandbox.DindImageResolver;
import eu.interlink.jvm.docker.sandbox.SandboxSecurity;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Whether the runtime can start pods promptly, from what is already known, never waiting on Docker: the host engine
 * answers, a Docker-in-Docker image is usable (looked for in the background, at most every 30 s, pulling the
 * configured one when the host lacks it), and the sandbox pool is full. When ready, it also tells how sandboxes run.
 */
final class RuntimeReadiness {

    private static final Duration DIND_CHECK_MAX_AGE = Duration.ofSeconds(30);

    private final HostEngineMonitor engine;
    private final BackgroundRefresh<Readiness> dindImage;
    private final SandboxSecurity security;
    private final SandboxPool pool;

    RuntimeReadiness(HostEngineMonitor engine, DindImageResolver dindImages, SandboxSecurity security,
            SandboxPool pool, Executor background, Clock clock) {
        this.engine = engine;
        this.security = security;
        this.pool = pool;
        this.dindImage = new BackgroundRefresh<>(new Readiness(false, "the DIND image was not looked for yet"),
                DIND_CHECK_MAX_AGE, previous -> dindImages.check(), background, clock);
        // Starts the first look now, in the background, rather than when /readyz is first asked.
        dindImage.get();
    }

    Readiness now() {
        Readiness engineNow = engine.readiness();
        Readiness dindNow = dindImage.get();
        if (!engineNow.ready()) {
            return engineNow;
        }
        if (!dindNow.ready()) {
            return dindNow;
        }
        Readiness poolNow = pool.readiness();
        return new Readiness(poolNow.ready(), engineNow.detail() + "; " + dindNow.detail() + "; " + security.describe()
                + "; " + poolNow.detail());
    }
}
