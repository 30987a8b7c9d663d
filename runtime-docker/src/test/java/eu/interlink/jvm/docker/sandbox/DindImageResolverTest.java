package eu.interlink.jvm.docker.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import eu.interlink.jvm.api.runtime.Readiness;
import eu.interlink.jvm.docker.engine.TestEngines;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.images.Images;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which DIND image sandboxes start from, on the real engine, and whether there is one at all. */
class DindImageResolverTest {

    private static final String LOCAL = DindImageResolver.LOCAL_IMAGE;
    private static final String ABSENT = "interlink-jvm/no-such-dind:none";

    private static TestEngines engines;
    private static Engine host;
    private static Images images;

    @BeforeAll
    static void connect() {
        engines = new TestEngines(Duration.ofSeconds(20));
        host = engines.factory().host();
        images = new Images(Duration.ofSeconds(60));
    }

    @AfterAll
    static void disconnect() {
        host.close();
        engines.close();
    }

    @Test
    void theConfiguredImageIsUsedWhenTheHostHasIt() {
        Readiness readiness = new DindImageResolver(host, images, LOCAL, "interlink-jvm/no-such-fallback:none").check();

        assertThat(readiness).isEqualTo(new Readiness(true, "sandboxes start from " + LOCAL));
    }

    @Test
    void aConfiguredImageTheHostLacksAndCannotPullFallsBackToTheLocalOne() {
        Readiness readiness = new DindImageResolver(host, images, ABSENT, LOCAL).check();

        assertThat(readiness).isEqualTo(new Readiness(true, "sandboxes start from " + LOCAL));
    }

    @Test
    void withoutAnyUsableImageNoSandboxCanStartAndReadinessSaysWhyAndWhatToDo() {
        Readiness readiness = new DindImageResolver(host, images, ABSENT, "interlink-jvm/no-such-fallback:none").check();

        assertThat(readiness.ready()).isFalse();
        assertThat(readiness.detail())
                .startsWith("the DIND image " + ABSENT + " is not on this host and cannot be pulled (the pull of " + ABSENT)
                .endsWith("build one with scripts/build-dind-image.sh (it makes " + LOCAL
                        + ") or set Docker.DindImage to an image this host has")
                .doesNotContain("\n");
    }
}
