package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.PushResponseItem;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.api.wire.RetrievedContainer;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code imagePullSecrets} and failed pulls, against a real registry that asks for a password (the
 * {@code interlink-jvm/registry:local} test image), reached by the sandboxes' inner engines through the host's bridge.
 */
class ImagePullSecretsTest {

    private static final String REGISTRY_IMAGE = "interlink-jvm/registry:local";
    private static final String USER = "interlink";
    private static final String PASSWORD = "pull-secret-test";
    private static final String GATEWAY = bridgeGateway();
    private static final int PORT = freePort();
    private static final String REGISTRY = GATEWAY + ":" + PORT;
    private static final String PRIVATE_REPOSITORY = REGISTRY + "/interlink/busybox";
    private static final String PRIVATE_IMAGE = PRIVATE_REPOSITORY + ":pulled";
    /** In the registry, and on the host too under the same name, as an image some earlier pod pulled. */
    private static final String CACHED_IMAGE = PRIVATE_REPOSITORY + ":cached";

    @RegisterExtension
    static final SharedRuntime shared = new SharedRuntime(() -> RuntimeFixture.withFirstRestartPause(
            Duration.ofSeconds(1), Map.of("InsecureRegistries", List.of(REGISTRY))));

    @BeforeAll
    static void startRegistryWithThePrivateImages() {
        RuntimeFixture fixture = shared.fixture();
        DockerClient docker = fixture.docker;
        try {
            docker.inspectImageCmd(REGISTRY_IMAGE).exec();
        } catch (NotFoundException e) {
            fail("These tests need the image " + REGISTRY_IMAGE + ": build it with scripts/build-test-images.sh");
        }
        ExposedPort api = ExposedPort.tcp(5000);
        Ports ports = new Ports();
        // The host pushes through loopback, which its engine trusts without TLS; the sandboxes pull through the bridge.
        ports.bind(api, Ports.Binding.bindIpAndPort("127.0.0.1", PORT));
        ports.bind(api, Ports.Binding.bindIpAndPort(GATEWAY, PORT));
        String registry = docker.createContainerCmd(REGISTRY_IMAGE).withLabels(fixture.ownLabels())
                .withExposedPorts(api).withHostConfig(HostConfig.newHostConfig().withPortBindings(ports)).exec().getId();
        docker.startContainerCmd(registry).exec();
        String pushed = "127.0.0.1:" + PORT + "/interlink/busybox";
        for (String tag : List.of("pulled", "cached")) {
            docker.tagImageCmd(RuntimeFixture.BUSYBOX, pushed, tag).exec();
            try {
                push(docker, pushed, tag);
            } finally {
                docker.removeImageCmd(pushed + ":" + tag).exec();
            }
        }
        docker.tagImageCmd(RuntimeFixture.BUSYBOX, PRIVATE_REPOSITORY, "cached").exec();
    }

    @AfterAll
    static void removeTheHostsCopy() {
        shared.fixture().docker.removeImageCmd(CACHED_IMAGE).exec();
    }

    /** Pushes, trying again while the registry is still starting. */
    private static void push(DockerClient docker, String repository, String tag) {
        AuthConfig auth = new AuthConfig().withUsername(USER).withPassword(PASSWORD);
        List<String> errors = new CopyOnWriteArrayList<>();
        await("a push to the test registry").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    errors.clear();
                    try {
                        docker.pushImageCmd(repository).withTag(tag).withAuthConfig(auth)
                                .exec(new ResultCallback.Adapter<PushResponseItem>() {
                                    @Override
                                    public void onNext(PushResponseItem item) {
                                        if (item.getErrorDetail() != null) {
                                            errors.add(item.getErrorDetail().getMessage());
                                        }
                                    }
                                }).awaitCompletion(60, TimeUnit.SECONDS);
                    } catch (RuntimeException e) {
                        errors.add(String.valueOf(e.getMessage()));
                    }
                    return errors.isEmpty();
                });
    }

    @Test
    void anImageOfAPrivateRegistryIsPulledWithThePodsPullSecret() {
        Pod pod = withPullSecret(pod("with-secret", privateContainer()), "regcred");

        shared.fixture().create(new RetrievedPodData(pod, List.of(sent(dockerConfigJson("regcred", PASSWORD)))));

        PodStatus status = shared.fixture().awaitStatus(pod,
                s -> s.containers().get(0).getState().getTerminated() != null);
        assertThat(status.containers().get(0).getState().getTerminated().getReason()).isEqualTo("Completed");
    }

    @Test
    void withoutCredentialsThePullFailsWithTheRegistrysMessageThenBacksOffUntilTheDelete() {
        Pod pod = pod("without-secret", privateContainer());
        String sandboxId = shared.fixture().create(pod).podJid();

        ContainerStateWaiting failed = awaitWaiting(pod, "ErrImagePull");
        assertThat(failed.getMessage()).contains(PRIVATE_IMAGE).contains("no basic auth credentials");
        ContainerStateWaiting backOff = awaitWaiting(pod, "ImagePullBackOff");
        assertThat(backOff.getMessage()).startsWith("Back-off pulling image \"" + PRIVATE_IMAGE + "\": ")
                .contains("no basic auth credentials");

        shared.fixture().runtime.delete(pod);

        shared.fixture().awaitNothingLeftOf(pod, sandboxId);
    }

    @Test
    void aWrongPasswordGetsTheRegistrysUnauthorizedAnswerAndThePodIsNeverEndedUnderNever() {
        Pod pod = withPullSecret(pod("wrong-password", privateContainer()), "badcred");

        shared.fixture().create(new RetrievedPodData(pod, List.of(sent(dockerConfigJson("badcred", "wrong")))));

        ContainerStateWaiting failed = awaitWaiting(pod, "ErrImagePull");
        assertThat(failed.getMessage()).contains("unauthorized");
        awaitWaiting(pod, "ImagePullBackOff");
    }

    @Test
    void aPullSecretThatWasNotSentIsNamedWhenThePullFails() {
        Pod pod = withPullSecret(pod("secret-not-sent", privateContainer()), "never-sent");

        shared.fixture().create(pod);

        assertThat(awaitWaiting(pod, "ErrImagePull").getMessage())
                .endsWith("(pull secrets not sent with the pod, so not used: never-sent)");
    }

    @Test
    void underAlwaysAWrongPasswordFailsThePullAndTheHostsCopyIsNotRunInstead() {
        Pod pod = withPullSecret(pod("always-wrong-password", cachedContainer()), "badcred");

        shared.fixture().create(new RetrievedPodData(pod, List.of(sent(dockerConfigJson("badcred", "wrong")))));

        assertThat(awaitWaiting(pod, "ErrImagePull").getMessage()).contains(CACHED_IMAGE).contains("unauthorized")
                .doesNotContain("using the copy");
        assertNeverRan(pod);
    }

    @Test
    void underAlwaysARegistryThatAsksForCredentialsFailsThePullAndTheHostsCopyIsNotRunInstead() {
        Pod pod = pod("always-no-secret", cachedContainer());

        shared.fixture().create(pod);

        assertThat(awaitWaiting(pod, "ErrImagePull").getMessage()).contains(CACHED_IMAGE)
                .contains("no basic auth credentials").doesNotContain("using the copy");
        assertNeverRan(pod);
    }

    @Test
    void aPullSecretOfAnotherTypeIsSkippedAndNamedWhenThePullFails() {
        Pod pod = withPullSecret(pod("opaque-secret", privateContainer()), "opaque");
        Secret opaque = new SecretBuilder().withNewMetadata().withName("opaque").endMetadata().withType("Opaque")
                .withData(Map.of("password", base64(PASSWORD))).build();

        shared.fixture().create(new RetrievedPodData(pod, List.of(sent(opaque))));

        assertThat(awaitWaiting(pod, "ErrImagePull").getMessage()).contains("no basic auth credentials")
                .endsWith(" (pull secrets of another type than kubernetes.io/dockerconfigjson or "
                        + "kubernetes.io/dockercfg, so not used: opaque (Opaque))")
                .doesNotContain(PASSWORD).doesNotContain(base64(PASSWORD));
    }

    /** The container, backing off from pulls of its image, never ran: not from the host's copy of it either. */
    private static void assertNeverRan(Pod pod) {
        awaitWaiting(pod, "ImagePullBackOff");
        ContainerStatus container = shared.fixture().runtime.status(pod).containers().get(0);
        assertThat(container.getState().getRunning()).isNull();
        assertThat(container.getState().getTerminated()).isNull();
        assertThat(container.getLastState() == null ? null : container.getLastState().getTerminated()).isNull();
    }

    private static ContainerStateWaiting awaitWaiting(Pod pod, String reason) {
        PodStatus status = shared.fixture().awaitStatus(pod, s -> {
            ContainerStateWaiting waiting = s.containers().get(0).getState().getWaiting();
            return waiting != null && reason.equals(waiting.getReason());
        });
        return status.containers().get(0).getState().getWaiting();
    }

    private static io.fabric8.kubernetes.api.model.Container privateContainer() {
        return new ContainerBuilder(shell("main", "echo pulled")).withImage(PRIVATE_IMAGE)
                .withImagePullPolicy("IfNotPresent").build();
    }

    /** A container of the cached image that must be pulled whatever copy there is. */
    private static io.fabric8.kubernetes.api.model.Container cachedContainer() {
        return new ContainerBuilder(privateContainer()).withImage(CACHED_IMAGE).withImagePullPolicy("Always").build();
    }

    private static Pod withPullSecret(Pod pod, String secret) {
        return new PodBuilder(pod).editSpec().addNewImagePullSecret(secret).endSpec().build();
    }

    private static RetrievedContainer sent(Secret secret) {
        return new RetrievedContainer("main", List.of(), List.of(secret), List.of(), null);
    }

    private static Secret dockerConfigJson(String name, String password) {
        String config = "{\"auths\":{\"" + REGISTRY + "\":{\"auth\":\"" + base64(USER + ":" + password) + "\"}}}";
        return new SecretBuilder().withNewMetadata().withName(name).endMetadata()
                .withType("kubernetes.io/dockerconfigjson")
                .withData(Map.of(".dockerconfigjson", base64(config))).build();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String bridgeGateway() {
        try (DockerClient docker = RuntimeFixture.hostClient()) {
            return docker.inspectNetworkCmd().withNetworkId("bridge").exec().getIpam().getConfig().get(0).getGateway();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
