package eu.interlink.jvm.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
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
import eu.interlink.jvm.api.accelerator.Accelerator;
import eu.interlink.jvm.api.runtime.PodRuntime;
import eu.interlink.jvm.api.runtime.PodRuntimeProvider;
import eu.interlink.jvm.api.runtime.Readiness;
import eu.interlink.jvm.api.runtime.RuntimeContext;
import eu.interlink.jvm.api.settings.PluginSettings;
import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.LogOptions;
import eu.interlink.jvm.api.wire.LogRequest;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.Labels;
import eu.interlink.jvm.docker.lifecycle.RestartRule;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Docker runtime on the real engine, opened through {@link java.util.ServiceLoader} as a host would (or, for a
 * shorter pause before restarts, through the provider's test constructor), with its own short data root and the
 * locally built images, and without a sandbox pool unless a test asks for one; it removes every pod its test created,
 * and then everything labelled with its data root, which no other test run has.
 */
final class RuntimeFixture implements AutoCloseable {

    static final String BUSYBOX = "interlink-jvm/busybox:local";
    static final String DIND = "interlink-jvm/dind:local";
    static final Duration SANDBOX_TIME = Duration.ofSeconds(90);
    /** How the name of a claim container begins; the id of the sandbox it claims follows. */
    static final String CLAIM_PREFIX = "interlink-claim-";
    /** The role label of what the tests make themselves on the host engine, next to the runtime's sandboxes. */
    private static final String TEST_ROLE = "test";

    private static final Set<String> NOT_STARTED = Set.of("CreatePodSandboxError", "ErrImagePull", "StartError");

    private static final String HOW_TO_START = "start one with 'dockerd > /var/log/dockerd.log 2>&1 &' (or set DOCKER_HOST)"
            + ", then build the test images with scripts/build-test-images.sh";

    final DockerClient docker;
    final Path dataRoot;
    private final PluginSettings settings;
    private final PodRuntimeProvider provider;
    private final List<Accelerator> accelerators;
    private final MeterRegistry meters;
    private final Set<Pod> created = ConcurrentHashMap.newKeySet();
    PodRuntime runtime;

    private RuntimeFixture(DockerClient docker, Path dataRoot, PluginSettings settings, PodRuntimeProvider provider,
            List<Accelerator> accelerators, MeterRegistry meters) {
        this.docker = docker;
        this.dataRoot = dataRoot;
        this.settings = settings;
        this.provider = provider;
        this.accelerators = List.copyOf(accelerators);
        this.meters = meters;
        this.runtime = openRuntime();
    }

    /** A runtime without a pool, with these accelerators. */
    static RuntimeFixture withAccelerators(List<Accelerator> accelerators) throws IOException {
        return open(0, Map.of(), registeredProvider(), accelerators, new CompositeMeterRegistry());
    }

    /** A runtime with a pool of this size and these accelerators, that registers its meters with this registry. */
    static RuntimeFixture withMeters(MeterRegistry meters, int availableDinds, List<Accelerator> accelerators)
            throws IOException {
        return open(availableDinds, Map.of(), registeredProvider(), accelerators, meters);
    }

    /** A runtime without a pool, with these {@code Docker:} settings over the test defaults. */
    static RuntimeFixture open(Map<String, Object> dockerSettings) throws IOException {
        return open(0, dockerSettings);
    }

    /** A runtime with a pool of this size ({@code AVAILABLEDINDS}) and these {@code Docker:} settings. */
    static RuntimeFixture open(int availableDinds, Map<String, Object> dockerSettings) throws IOException {
        return open(availableDinds, dockerSettings, registeredProvider());
    }

    /** A runtime without a pool whose containers wait this long before their first restart. */
    static RuntimeFixture withFirstRestartPause(Duration pause) throws IOException {
        return withFirstRestartPause(pause, Map.of());
    }

    /** A runtime without a pool whose containers (and failed pulls) wait this long before their first retry. */
    static RuntimeFixture withFirstRestartPause(Duration pause, Map<String, Object> dockerSettings) throws IOException {
        return open(0, dockerSettings, new DockerRuntimeProvider(pause));
    }

    /**
     * A runtime without a pool that reaches the host engine at this unix socket, such as an {@link EngineRelay}'s,
     * with these {@code Docker:} settings; the fixture's own client reaches the engine directly.
     */
    static RuntimeFixture throughSocket(Path hostSocket, Map<String, Object> dockerSettings) throws IOException {
        return open(0, dockerSettings, new DockerRuntimeProvider(RestartRule.KUBELET_FIRST_PAUSE, hostSocket));
    }

    /** The unix socket of the engine the tests use, as {@code DOCKER_HOST} names it. */
    static Path engineSocket() {
        return Path.of(DefaultDockerClientConfig.createDefaultConfigBuilder().build().getDockerHost().getPath());
    }

    private static RuntimeFixture open(int availableDinds, Map<String, Object> dockerSettings,
            PodRuntimeProvider provider) throws IOException {
        return open(availableDinds, dockerSettings, provider, List.of(), new CompositeMeterRegistry());
    }

    private static RuntimeFixture open(int availableDinds, Map<String, Object> dockerSettings,
            PodRuntimeProvider provider, List<Accelerator> accelerators, MeterRegistry meters) throws IOException {
        DockerClient docker = hostClient();
        requireEngineAndImages(docker);
        Path dataRoot = Files.createTempDirectory(Path.of("/tmp"), "ilj-");
        Map<String, Object> section = new HashMap<>(Map.of("DindImage", DIND, "CallTimeoutSeconds", 20));
        section.putAll(dockerSettings);
        PluginSettings settings = PluginSettings.of(Map.of("DataRootFolder", dataRoot.toString(),
                "AVAILABLEDINDS", availableDinds, "Docker", section), Map.of());
        return new RuntimeFixture(docker, dataRoot, settings, provider, accelerators, meters);
    }

    private static PodRuntimeProvider registeredProvider() {
        return ServiceLoader.load(PodRuntimeProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(candidate -> candidate.name().equals("docker"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no PodRuntimeProvider named docker is registered"));
    }

    private PodRuntime openRuntime() {
        return provider.open(new RuntimeContext(settings, accelerators, meters));
    }

    /** Closes the runtime and opens another with the same settings, as a restarted plugin would. */
    void restart() {
        runtime.close();
        runtime = openRuntime();
    }

    /** Another runtime with the same settings, while this one runs, as a plugin restarted after a crash would open it. */
    PodRuntime openAnother() {
        return openRuntime();
    }

    /** The labels of what a test makes itself on the host engine: found and removed with this fixture's objects. */
    Map<String, String> ownLabels() {
        return Map.of(Labels.ROLE, TEST_ROLE, Labels.DATA_ROOT, dataRoot.toString());
    }

    /** The readiness once ready: the first answers come from checks that run in the background. */
    Readiness awaitReady() {
        return await().atMost(SANDBOX_TIME).pollInterval(Duration.ofMillis(50)).until(runtime::readiness,
                Readiness::ready);
    }

    static RuntimeFixture open() throws IOException {
        return open(Map.of());
    }

    static DockerClient hostClient() {
        return client(DefaultDockerClientConfig.createDefaultConfigBuilder().build());
    }

    private static DockerClient client(DockerClientConfig config) {
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

    /** A pod with a fresh UID, in namespace {@code tests}, whose spec is this YAML. */
    static Pod podOf(String name, String specYaml) {
        try {
            return new PodBuilder()
                    .withNewMetadata().withName(name).withNamespace("tests").withUid(UUID.randomUUID().toString()).endMetadata()
                    .withSpec(new YAMLMapper().readValue(specYaml, PodSpec.class))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** The log of one of the pod's containers, as the runtime writes it. */
    String logs(Pod pod, String container, LogOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        runtime.logs(new LogRequest("tests", pod.getMetadata().getUid(), pod.getMetadata().getName(), container,
                options)).writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
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

    /** The effective capabilities in a log of {@code grep CapEff /proc/self/status}, as bits. */
    static long capEff(String log) {
        return log.lines().filter(line -> line.startsWith("CapEff:"))
                .map(line -> Long.parseLong(line.substring("CapEff:".length()).strip(), 16))
                .findFirst().orElseThrow(() -> new AssertionError("no CapEff line in " + log));
    }

    /** Waits until every container of the pod has ended, and checks that each succeeded. */
    void awaitAllSucceeded(Pod pod) {
        awaitStatus(pod, status -> status.containers().stream()
                .allMatch(container -> container.getState().getTerminated() != null))
                .containers().forEach(container -> {
                    ContainerStateTerminated terminated = container.getState().getTerminated();
                    assertThat(terminated.getExitCode()).as("%s: %s %s", container.getName(), terminated.getReason(),
                            terminated.getMessage()).isZero();
                });
    }

    /**
     * Whether this engine starts privileged containers: empty where it does, the engine's refusal, on one line,
     * where it does not (some engines run inside containers whose capabilities exclude what --privileged asks).
     */
    Optional<String> privilegedRefusal() {
        String probe = docker.createContainerCmd(BUSYBOX).withCmd("true")
                .withLabels(ownLabels())
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
                .withLabels(ownLabels()).exec().getId();
        try {
            docker.startContainerCmd(probe).exec();
            return docker.inspectContainerCmd(probe).exec().getNetworkSettings().getNetworks().get("bridge").getGateway();
        } finally {
            docker.removeContainerCmd(probe).withForce(true).exec();
        }
    }

    /** The pod's claims: the containers on the host engine that give it its sandboxes. */
    List<Container> claimsOf(Pod pod) {
        return containersLabelled(Map.of(Labels.ROLE, Labels.ROLE_POD_CLAIM, Labels.POD_UID, pod.getMetadata().getUid()));
    }

    /** The sandbox containers the pod's claims name. */
    List<Container> sandboxesOf(Pod pod) {
        return claimedSandboxIds(pod).stream().flatMap(id -> containersLabelled(
                Map.of(Labels.ROLE, Labels.ROLE_SANDBOX, Labels.SANDBOX_ID, id)).stream()).toList();
    }

    /** The pod's claims and the sandbox containers they name. */
    List<Container> containersOf(Pod pod) {
        return Stream.concat(claimsOf(pod).stream(), sandboxesOf(pod).stream()).toList();
    }

    /** The volumes of the sandboxes the pod's claims name. */
    List<InspectVolumeResponse> volumesOf(Pod pod) {
        return claimedSandboxIds(pod).stream().flatMap(id -> volumesLabelled(Labels.SANDBOX_ID, id).stream()).toList();
    }

    /** The pool's sandbox containers on this fixture's data root, claimed or not. */
    List<Container> poolSandboxes() {
        return containersLabelled(Map.of(Labels.ROLE, Labels.ROLE_SANDBOX, Labels.POOL, "true",
                Labels.DATA_ROOT, dataRoot.toString()));
    }

    /** The ids of the pool's sandboxes on this fixture's data root that no pod claims. */
    Set<String> unclaimedPoolSandboxIds() {
        Set<String> claimed = containersLabelled(Map.of(Labels.ROLE, Labels.ROLE_POD_CLAIM,
                Labels.DATA_ROOT, dataRoot.toString())).stream().map(claim -> claim.getLabels().get(Labels.SANDBOX_ID))
                .collect(Collectors.toSet());
        return poolSandboxes().stream().map(sandbox -> sandbox.getLabels().get(Labels.SANDBOX_ID))
                .filter(id -> !claimed.contains(id)).collect(Collectors.toSet());
    }

    /** A client of the sandbox's inner engine; the caller closes it. */
    DockerClient innerEngine(String sandboxId) {
        return client(DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerTlsVerify(false)
                .withDockerHost("unix://" + dataRoot.resolve("sandboxes").resolve(sandboxId).resolve("docker.sock")).build());
    }

    List<Container> containersLabelled(Map<String, String> labels) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec();
    }

    List<InspectVolumeResponse> volumesLabelled(String key, String value) {
        List<InspectVolumeResponse> volumes = docker.listVolumesCmd()
                .withFilter("label", List.of(Labels.filter(key, value))).exec().getVolumes();
        return volumes == null ? List.of() : volumes;
    }

    private Set<String> claimedSandboxIds(Pod pod) {
        return claimsOf(pod).stream().map(claim -> claim.getLabels().get(Labels.SANDBOX_ID)).collect(Collectors.toSet());
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

    /** Waits until nothing of the pod is left: no claim, no container, no volume, no folder. */
    void awaitNothingLeftOf(Pod pod, String sandboxId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertNothingLeftOf(pod, sandboxId));
    }

    /** Nothing of the pod is left: no claim, no container, no volume, no folder. */
    void assertNothingLeftOf(Pod pod, String sandboxId) {
        String name = pod.getMetadata().getName();
        assertThat(claimsOf(pod)).as("claims of pod %s", name).isEmpty();
        assertThat(containersLabelled(Map.of(Labels.SANDBOX_ID, sandboxId))).as("containers of pod %s", name).isEmpty();
        assertThat(volumesLabelled(Labels.SANDBOX_ID, sandboxId)).as("volumes of pod %s", name).isEmpty();
        assertThat(dataRoot.resolve("sandboxes").resolve(sandboxId)).as("folder of pod %s", name).doesNotExist();
    }

    /**
     * Deletes every pod this fixture created, closes the runtime, and removes what is left labelled with this
     * fixture's data root: of the runtime (pods, pool) and of the tests themselves.
     */
    @Override
    public void close() throws IOException {
        try {
            created.forEach(runtime::delete);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> created.stream().allMatch(pod -> containersOf(pod).isEmpty()));
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
        containersLabelled(Map.of(Labels.DATA_ROOT, dataRoot.toString())).forEach(container ->
                docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec());
        volumesLabelled(Labels.DATA_ROOT, dataRoot.toString())
                .forEach(volume -> docker.removeVolumeCmd(volume.getName()).exec());
    }
}
