package eu.interlink.jvm.docker;

import eu.interlink.jvm.api.runtime.Readiness;
import eu.interlink.jvm.docker.engine.BackgroundRefresh;
import eu.interlink.jvm.docker.engine.HostEngineMonitor;
import eu.interlink.jvm.docker.sandbox.DindImageResolver;
import eu.interlink.jvm.docker.sandbox.SandboxSecurity;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Whether the runtime can start pods promptly, from what is already known, never waiting on Docker: the host engine
 * answers, and a Docker-in-Docker image is usable (looked for in the background, at most every 30 s, pulling the
 * configured one when the host lacks it). When ready, it also tells how sandboxes run.
 */
final class RuntimeReadiness {

    private static final Duration DIND_CHECK_MAX_AGE = Duration.ofSeconds(30);

    private final HostEngineMonitor engine;
    private final BackgroundRefresh<Readiness> dindImage;
    private final SandboxSecurity security;

    RuntimeReadiness(HostEngineMonitor engine, DindImageResolver dindImages, SandboxSecurity security,
            Executor background, Clock clock) {
        this.engine = engine;
        this.security = security;
        this.dindImage = new BackgroundRefresh<>(new Readiness(false, "the DIND image was not looked for yet"),
                DIND_CHECK_MAX_AGE, previous -> dindImages.check(), background, clock);
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
        return new Readiness(true, engineNow.detail() + "; " + dindNow.detail() + "; " + security.describe());
    }
}
