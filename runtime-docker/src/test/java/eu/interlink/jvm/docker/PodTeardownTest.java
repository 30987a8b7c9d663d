package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.LogOptions;
import eu.interlink.jvm.api.wire.LogRequest;
import eu.interlink.jvm.docker.engine.TestEngines;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.engine.EngineFactory;
import eu.interlink.jvm.docker.images.Images;
import eu.interlink.jvm.docker.lifecycle.PodTeardown;
import eu.interlink.jvm.docker.lifecycle.PreStopHooks;
import eu.interlink.jvm.docker.probes.Checks;
import eu.interlink.jvm.docker.probes.ProbeHttp;
import eu.interlink.jvm.docker.sandbox.DindImageResolver;
import eu.interlink.jvm.docker.sandbox.SandboxClaims;
import eu.interlink.jvm.docker.sandbox.SandboxLayout;
import eu.interlink.jvm.docker.sandbox.SandboxRemover;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A pod's teardown on the real engine, run on a thread of the test's own. */
class PodTeardownTest {

    @Test
    void anInterruptCutsTheGracePeriodShortButNotTheRemovalAndIsKept() throws Exception {
        try (TestEngines testEngines = new TestEngines(Duration.ofSeconds(20));
                RuntimeFixture fixture = RuntimeFixture.open()) {
            ExecutorService calls = testEngines.calls();
            Pod pod = pod("interrupted", shell("main", "trap 'echo got TERM' TERM; while true; do sleep 0.1; done"));
            CreateResponse created = fixture.create(pod);
            fixture.awaitStatus(pod, status -> status.containers().get(0).getState().getRunning() != null);
            EngineFactory engines = testEngines.factory();
            Engine host = engines.host();
            SandboxLayout layout = new SandboxLayout(fixture.dataRoot);
            SandboxRemover remover = new SandboxRemover(host, layout);
            DindImageResolver dindImages = new DindImageResolver(host, new Images(Duration.ofSeconds(60)),
                    RuntimeFixture.DIND, RuntimeFixture.DIND);
            PodTeardown teardown = new PodTeardown(engines, layout, remover,
                    new SandboxClaims(host, layout, dindImages, remover),
                    new PreStopHooks(new Checks(ProbeHttp.client(calls, Duration.ofSeconds(20))), calls));
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicBoolean interruptKept = new AtomicBoolean();
            Thread removing = new Thread(() -> {
                try {
                    teardown.remove(Set.of(created.podJid()), Duration.ofSeconds(120), Optional.empty());
                } catch (RuntimeException e) {
                    failure.set(e);
                }
                interruptKept.set(Thread.currentThread().isInterrupted());
            }, "test-teardown");
            removing.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> log(fixture, pod).contains("got TERM"));

            removing.interrupt();

            await().atMost(Duration.ofSeconds(30)).until(() -> !removing.isAlive());
            assertThat(failure.get()).isNull();
            assertThat(interruptKept).isTrue();
            fixture.assertNothingLeftOf(pod, created.podJid());
            host.close();
        }
    }

    private static String log(RuntimeFixture fixture, Pod pod) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fixture.runtime.logs(new LogRequest("tests", pod.getMetadata().getUid(), pod.getMetadata().getName(), "main",
                LogOptions.DEFAULTS)).writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
