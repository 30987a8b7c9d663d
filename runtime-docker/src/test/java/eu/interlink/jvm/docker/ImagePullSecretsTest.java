package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.PushResponseItem;
import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.api.wire.RetrievedContainer;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
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
    private static final String PRIVATE_IMAGE = REGISTRY + "/interlink/busybox:pulled";

    @RegisterExtension
    static final SharedRuntime shared = new SharedRuntime(() -> RuntimeFixture.withFirstRestartPause(
            Duration.ofSeconds(1), Map.of("InsecureRegistries", List.of(REGISTRY))));

    @BeforeAll
    static void startRegistryWithThePrivateImage() {
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
        docker.tagImageCmd(RuntimeFixture.BUSYBOX, pushed, "pulled").exec();
        try {
            push(docker, pushed);
        } finally {
            docker.removeImageCmd(pushed + ":pulled").exec();
        }
    }

    /** Pushes, trying again while the registry is still starting. */
    private static void push(DockerClient docker, String repository) {
        AuthConfig auth = new AuthConfig().withUsername(USER).withPassword(PASSWORD);
        List<String> errors = new CopyOnWriteArrayList<>();
        await("a push to the test registry").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    errors.clear();
                    try {
                        docker.pushImageCmd(repository).withTag("pulled").withAuthConfig(auth)
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
    void aPullSecretOfTheWrongTypeIsRefusedAtCreate() {
        Pod pod = withPullSecret(pod("opaque-secret", privateContainer()), "opaque");
        Secret opaque = new SecretBuilder().withNewMetadata().withName("opaque").endMetadata().withType("Opaque")
                .withData(Map.of("password", base64(PASSWORD))).build();

        assertThatThrownBy(() -> shared.fixture().create(new RetrievedPodData(pod, List.of(sent(opaque)))))
                .isInstanceOf(InvalidPodException.class)
                .hasMessage("spec.imagePullSecrets[opaque]: Secret opaque has type Opaque, not "
                        + "kubernetes.io/dockerconfigjson or kubernetes.io/dockercfg");
        assertThat(shared.fixture().containersOf(pod)).isEmpty();
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
