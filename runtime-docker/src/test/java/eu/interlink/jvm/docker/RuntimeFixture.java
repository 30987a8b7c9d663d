package eu.interlink.jvm.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import eu.interlink.jvm.api.runtime.PodRuntime;
import eu.interlink.jvm.api.runtime.PodRuntimeProvider;
import eu.interlink.jvm.api.runtime.RuntimeContext;
import eu.interlink.jvm.api.settings.PluginSettings;
import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.Labels;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A Docker runtime on the real engine, opened through {@link java.util.ServiceLoader} as a host would, with its own
 * short data root and the locally built images; it removes every pod its test created, found by their labels.
 */
final class RuntimeFixture implements AutoCloseable {

    static final String BUSYBOX = "interlink-jvm/busybox:local";
    static final String DIND = "interlink-jvm/dind:local";
    static final Duration SANDBOX_TIME = Duration.ofSeconds(90);
    /** The role label of what the tests make themselves on the host engine, next to the runtime's sandboxes. */
    static final String TEST_ROLE = "test";

    private static final Set<String> NOT_STARTED = Set.of("CreatePodSandboxError", "ErrImagePull", "StartError");

    private static final String HOW_TO_START = "start one with 'dockerd > /var/log/dockerd.log 2>&1 &' (or set DOCKER_HOST)"
            + ", then build the test images with scripts/build-test-images.sh";

    final DockerClient docker;
    final Path dataRoot;
    private final PluginSettings settings;
    private final Set<Pod> created = ConcurrentHashMap.newKeySet();
    PodRuntime runtime;

    private RuntimeFixture(DockerClient docker, Path dataRoot, PluginSettings settings) {
        this.docker = docker;
        this.dataRoot = dataRoot;
        this.settings = settings;
        this.runtime = openRuntime(settings);
    }

    /** A runtime with these {@code Docker:} settings over the test defaults. */
    static RuntimeFixture open(Map<String, Object> dockerSettings) throws IOException {
        DockerClient docker = hostClient();
        requireEngineAndImages(docker);
        Path dataRoot = Files.createTempDirectory(Path.of("/tmp"), "ilj-");
        Map<String, Object> section = new HashMap<>(Map.of("DindImage", DIND, "CallTimeoutSeconds", 20));
        section.putAll(dockerSettings);
        PluginSettings settings = PluginSettings.of(
                Map.of("DataRootFolder", dataRoot.toString(), "Docker", section), Map.of());
        return new RuntimeFixture(docker, dataRoot, settings);
    }

    private static PodRuntime openRuntime(PluginSettings settings) {
        PodRuntimeProvider provider = ServiceLoader.load(PodRuntimeProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(candidate -> candidate.name().equals("docker"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no PodRuntimeProvider named docker is registered"));
        return provider.open(new RuntimeContext(settings, List.of()));
    }

    /** Closes the runtime and opens another with the same settings, as a restarted plugin would. */
    void restart() {
        runtime.close();
        runtime = openRuntime(settings);
    }

    static RuntimeFixture open() throws IOException {
        return open(Map.of());
    }

    private static DockerClient hostClient() {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        return DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(5))
                .build());
    }

    private static void requireEngineAndImages(DockerClient docker) {
        try {
            docker.pingCmd().exec();
        } catch (RuntimeException e) {
            fail("These tests need a Docker engine, and none answers (" + e.getMessage() + "): " + HOW_TO_START);
        }
        for (String image : List.of(BUSYBOX, DIND)) {
            try {
                docker.inspectImageCmd(image).exec();
            } catch (NotFoundException e) {
                fail("These tests need the image " + image + ": build it with scripts/build-test-images.sh");
            }
        }
    }

    /** A busybox container that runs a shell script. */
    static io.fabric8.kubernetes.api.model.Container shell(String name, String script) {
        return new ContainerBuilder().withName(name).withImage(BUSYBOX).withCommand("sh", "-c").withArgs(script).build();
    }

    /** A pod with a fresh UID. */
    static Pod pod(String name, List<io.fabric8.kubernetes.api.model.Container> initContainers,
            List<io.fabric8.kubernetes.api.model.Container> containers) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace("tests").withUid(UUID.randomUUID().toString()).endMetadata()
                .withNewSpec()
                .withInitContainers(initContainers)
                .withContainers(containers)
                .withRestartPolicy("Never")
                .withTerminationGracePeriodSeconds(2L)
                .endSpec()
                .build();
    }

    static Pod pod(String name, io.fabric8.kubernetes.api.model.Container... containers) {
        return pod(name, List.of(), List.of(containers));
    }

    /** Creates the pod, remembering it for the cleanup. */
    CreateResponse create(Pod pod) {
        return create(new RetrievedPodData(pod, null));
    }

    /** Creates the pod with the objects sent along, remembering it for the cleanup. */
    CreateResponse create(RetrievedPodData data) {
        created.add(data.pod());
        return runtime.create(data);
    }

    PodStatus status(Pod pod) {
        return runtime.status(pod);
    }

    /** Polls the pod's status until it matches, and returns it; fails at once if the pod could not start. */
    PodStatus awaitStatus(Pod pod, Predicate<PodStatus> condition) {
        return await().atMost(SANDBOX_TIME).pollInterval(Duration.ofMillis(200))
                .until(() -> runtime.status(pod), status -> {
                    if (condition.test(status)) {
                        return true;
                    }
                    status.containers().stream().map(container -> container.getState().getTerminated())
                            .filter(terminated -> terminated != null && NOT_STARTED.contains(terminated.getReason()))
                            .findFirst()
                            .ifPresent(terminated -> fail("pod " + pod.getMetadata().getName() + " did not start: "
                                    + terminated.getReason() + ": " + terminated.getMessage()));
                    return false;
                });
    }

    /**
     * Whether this engine starts privileged containers: empty where it does, the engine's refusal, on one line,
     * where it does not (some engines run inside containers whose capabilities exclude what --privileged asks).
     */
    Optional<String> privilegedRefusal() {
        String probe = docker.createContainerCmd(BUSYBOX).withCmd("true")
                .withLabels(Map.of(Labels.ROLE, TEST_ROLE))
                .withHostConfig(HostConfig.newHostConfig().withPrivileged(true))
                .exec().getId();
        try {
            docker.startContainerCmd(probe).exec();
            return Optional.empty();
        } catch (DockerException e) {
            return Optional.of(DockerMessages.oneLine(e));
        } finally {
            docker.removeContainerCmd(probe).withForce(true).exec();
        }
    }

    /** The address at which the host answers the containers of its default bridge network, sandboxes among them. */
    String bridgeGateway() {
        String probe = docker.createContainerCmd(BUSYBOX).withCmd("sleep", "60")
                .withLabels(Map.of(Labels.ROLE, TEST_ROLE)).exec().getId();
        try {
            docker.startContainerCmd(probe).exec();
            return docker.inspectContainerCmd(probe).exec().getNetworkSettings().getNetworks().get("bridge").getGateway();
        } finally {
            docker.removeContainerCmd(probe).withForce(true).exec();
        }
    }

    /** The host containers labelled with the pod's UID. */
    List<Container> containersOf(Pod pod) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.POD_UID, pod.getMetadata().getUid())).exec();
    }

    /** The host volumes labelled with the pod's UID. */
    List<InspectVolumeResponse> volumesOf(Pod pod) {
        List<InspectVolumeResponse> volumes = docker.listVolumesCmd()
                .withFilter("label", List.of(Labels.POD_UID + "=" + pod.getMetadata().getUid())).exec().getVolumes();
        return volumes == null ? List.of() : volumes;
    }

    /** The sandbox folders that exist under this runtime's data root. */
    List<Path> sandboxFolders() throws IOException {
        Path sandboxes = dataRoot.resolve("sandboxes");
        if (!Files.isDirectory(sandboxes)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(sandboxes)) {
            return folders.toList();
        }
    }

    /** Waits until nothing of the pod is left: no container, no volume, no folder. */
    void awaitNothingLeftOf(Pod pod, String sandboxId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(containersOf(pod)).as("containers of pod %s", pod.getMetadata().getName()).isEmpty();
            assertThat(volumesOf(pod)).as("volumes of pod %s", pod.getMetadata().getName()).isEmpty();
            assertThat(dataRoot.resolve("sandboxes").resolve(sandboxId)).doesNotExist();
        });
    }

    /**
     * Deletes every pod this fixture created, closes the runtime, and removes by label what is left of the pods and
     * every container the tests made themselves.
     */
    @Override
    public void close() throws IOException {
        try {
            created.forEach(runtime::delete);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> created.stream().allMatch(pod -> containersOf(pod).isEmpty() && volumesOf(pod).isEmpty()));
        } finally {
            runtime.close();
            removeLeftovers();
            docker.close();
            try (Stream<Path> tree = Files.walk(dataRoot)) {
                tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private void removeLeftovers() {
        docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.ROLE, TEST_ROLE)).exec()
                .forEach(container -> docker.removeContainerCmd(container.getId()).withForce(true).exec());
        for (Pod pod : created) {
            containersOf(pod).forEach(container ->
                    docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec());
            volumesOf(pod).forEach(volume -> docker.removeVolumeCmd(volume.getName()).exec());
        }
    }
}
