package eu.interlink.jvm.docker.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.interlink.jvm.docker.engine.TestEngines;
import eu.interlink.jvm.docker.engine.Cancellation;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.metrics.ImageMeters;
import eu.interlink.jvm.docker.spec.SentObjects;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pull policies against the real host engine, which here has no registry to reach: the host engine stands in for
 * the sandbox's engine too, so "in the sandbox" means "on this engine".
 */
class ImageSupplierTest {

    private static final String LOCAL = "interlink-jvm/busybox:local";
    private static final String NOWHERE = "interlink-jvm/not-built:anywhere";

    private static TestEngines engines;
    private static Engine engine;
    private static ImageSupplier supplier;
    private static MeterRegistry meters;

    private final List<String> progress = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void connect() {
        engines = new TestEngines(Duration.ofSeconds(30));
        engine = engines.factory().host();
        meters = new SimpleMeterRegistry();
        supplier = new ImageSupplier(engine, new Images(Duration.ofSeconds(60)), new ImageMeters(meters));
    }

    @AfterAll
    static void disconnect() {
        engine.close();
        engines.close();
    }

    @Test
    void alwaysUsesTheLocalCopyWhenTheRegistryCannotBeReachedAndSaysSo() {
        supplier.supply(LOCAL, PullPolicy.ALWAYS, PullSecrets.NONE, engine, new Cancellation(), progress::add);

        assertThat(progress).first().isEqualTo("pulling image " + LOCAL);
        assertThat(progress).last().asString().startsWith("pulling image " + LOCAL + " failed (")
                .endsWith("); using the copy in the sandbox");
    }

    @Test
    void alwaysFailsWithThePullErrorWhenNoCopyExists() {
        long failedPulls = pulls("failed");

        assertThatThrownBy(() -> supplier.supply(NOWHERE, PullPolicy.ALWAYS, PullSecrets.NONE, engine,
                new Cancellation(), progress::add))
                .isInstanceOf(ImageUnavailableException.class)
                .hasMessageStartingWith("image " + NOWHERE + " could not be pulled: ")
                .extracting(e -> ((ImageUnavailableException) e).reason()).isEqualTo("ErrImagePull");
        assertThat(pulls("failed")).as("failed pulls timed").isEqualTo(failedPulls + 1);
    }

    @Test
    void alwaysNeverUsesTheLocalCopyInsteadOfAPullThatSentThePodsCredentials() {
        PullSecrets hub = secrets(secret("hub", "kubernetes.io/dockerconfigjson", ".dockerconfigjson",
                "{\"auths\":{\"https://index.docker.io/v1/\":{\"username\":\"u\",\"password\":\"hunter2\"}}}"));

        assertThatThrownBy(() -> supplier.supply(LOCAL, PullPolicy.ALWAYS, hub, engine, new Cancellation(),
                progress::add))
                .isInstanceOf(ImageUnavailableException.class)
                .hasMessageStartingWith("image " + LOCAL + " could not be pulled: ")
                .hasMessageNotContaining("hunter2")
                .extracting(e -> ((ImageUnavailableException) e).reason()).isEqualTo("ErrImagePull");
        assertThat(progress).containsExactly("pulling image " + LOCAL);
    }

    @Test
    void aFailedPullNamesThePullSecretsOfAnotherTypeItWentOnWithout() {
        PullSecrets opaque = secrets(secret("plain", "Opaque", "password", "hunter2"));

        assertThatThrownBy(() -> supplier.supply(NOWHERE, PullPolicy.IF_NOT_PRESENT, opaque, engine,
                new Cancellation(), progress::add))
                .isInstanceOf(ImageUnavailableException.class)
                .hasMessageEndingWith(" (pull secrets of another type than kubernetes.io/dockerconfigjson or "
                        + "kubernetes.io/dockercfg, so not used: plain (Opaque))")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void neverRefusesToPullAnImageNoEngineHas() {
        assertThatThrownBy(() -> supplier.supply(NOWHERE, PullPolicy.NEVER, PullSecrets.NONE, engine,
                new Cancellation(), progress::add))
                .isInstanceOf(ImageUnavailableException.class)
                .hasMessage("image " + NOWHERE + " is neither in the sandbox nor on the host, and its pull policy is Never")
                .extracting(e -> ((ImageUnavailableException) e).reason()).isEqualTo("ErrImageNeverPull");
        assertThat(progress).isEmpty();
    }

    @Test
    void ifNotPresentAndNeverUseWhatIsThereWithoutPulling() {
        supplier.supply(LOCAL, PullPolicy.IF_NOT_PRESENT, PullSecrets.NONE, engine, new Cancellation(), progress::add);
        supplier.supply(LOCAL, PullPolicy.NEVER, PullSecrets.NONE, engine, new Cancellation(), progress::add);

        assertThat(progress).isEmpty();
    }

    /** How many pulls with this outcome were timed so far. */
    private static long pulls(String outcome) {
        var timer = meters.find("interlink.image.pulls").tag("outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    private static PullSecrets secrets(Secret secret) {
        PodSpec spec = new PodSpecBuilder().addNewImagePullSecret(secret.getMetadata().getName()).build();
        return PullSecrets.of(spec, new SentObjects(Map.<String, ConfigMap>of(),
                Map.of(secret.getMetadata().getName(), secret), Map.of()));
    }

    private static Secret secret(String name, String type, String key, String value) {
        return new SecretBuilder().withNewMetadata().withName(name).endMetadata().withType(type)
                .withData(Map.of(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))))
                .build();
    }
}
