package eu.interlink.jvm.examples.embedding;

import eu.interlink.jvm.api.runtime.PodRuntime;
import eu.interlink.jvm.api.runtime.PodRuntimeProvider;
import eu.interlink.jvm.api.runtime.RuntimeContext;
import eu.interlink.jvm.api.settings.PluginSettings;
import eu.interlink.jvm.api.wire.LogOptions;
import eu.interlink.jvm.api.wire.LogRequest;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.UUID;

/**
 * A Java program that runs one pod through the {@link PodRuntime} SPI, with no HTTP in between: the example of the
 * README's "Embedding the runtime in your own Java server", compiled and run by {@code EmbeddedPodRunnerIT}.
 *
 * <p>It compiles against {@code interlink-jvm-api} alone. {@code interlink-jvm-runtime-docker}, on the classpath at
 * run time, is found by {@link ServiceLoader}. It creates a busybox pod that runs the given command, waits for it to
 * end, writes its log, deletes it, closes the runtime and exits with the pod's exit code:
 *
 * <pre>
 *   java -cp app.jar:interlink-jvm-api.jar:interlink-jvm-runtime-docker.jar:... \
 *       eu.interlink.jvm.examples.embedding.EmbeddedPodRunner /tmp/embedded echo hello
 * </pre>
 */
public final class EmbeddedPodRunner {

    private static final String IMAGE = "interlink-jvm/busybox:local";
    private static final String CONTAINER = "main";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

    private final PluginSettings settings;

    /** @param settings the runtime's configuration, as the plugin's YAML file would give it; never null */
    public EmbeddedPodRunner(PluginSettings settings) {
        this.settings = settings;
    }

    /** {@code EmbeddedPodRunner DATA_FOLDER COMMAND [ARG...]}: exits with the pod's exit code. */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 2) {
            System.err.println("usage: EmbeddedPodRunner DATA_FOLDER COMMAND [ARG...]");
            System.exit(2);
        }
        List<String> command = List.of(args).subList(1, args.length);
        System.exit(new EmbeddedPodRunner(settings(args[0], System.getenv())).run(command, System.out));
    }

    /**
     * The runtime's configuration, as a parsed YAML file would give it, with environment overrides as for the plugin
     * ({@code DINDIMAGE=...}, {@code AVAILABLEDINDS=...}).
     *
     * @param dataRootFolder where the runtime keeps its sandboxes' folders
     * @param environment    the environment to take overrides from, usually {@link System#getenv()}
     */
    public static PluginSettings settings(String dataRootFolder, Map<String, String> environment) {
        return PluginSettings.of(Map.of(
                "DataRootFolder", dataRootFolder,
                "AVAILABLEDINDS", 0,                                     // no pool: the pod gets a sandbox of its own
                "Docker", Map.of("DindImage", "interlink-jvm/dind:local")),
                environment);
    }

    /**
     * Runs {@code command} in a busybox pod to its end and writes the pod's log into {@code log}.
     *
     * @return the pod's exit code
     * @throws IllegalStateException when no "docker" runtime is on the classpath, or the pod does not end in time
     */
    public int run(List<String> command, OutputStream log) throws IOException, InterruptedException {
        PodRuntimeProvider docker = ServiceLoader.load(PodRuntimeProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(provider -> provider.name().equals("docker"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no \"docker\" PodRuntimeProvider on the classpath"));
        Pod pod = busyboxPod(command);
        // No accelerators; new RuntimeContext(settings, accelerators, meterRegistry) would collect the runtime's meters.
        try (PodRuntime runtime = docker.open(new RuntimeContext(settings, List.of()))) {
            runtime.create(new RetrievedPodData(pod, List.of()));   // returns at once: the pod starts in the background
            try {
                ContainerStateTerminated end = awaitEnd(runtime, pod);
                runtime.logs(LogRequest.of(pod, CONTAINER, LogOptions.DEFAULTS)).writeTo(log);
                return end.getExitCode();
            } finally {
                runtime.delete(pod);                                // close() waits for the removal to finish
            }
        }
    }

    private static Pod busyboxPod(List<String> command) {
        return new PodBuilder()
                .withNewMetadata()
                .withName("embedded").withNamespace("default").withUid(UUID.randomUUID().toString())
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName(CONTAINER).withImage(IMAGE).withImagePullPolicy("IfNotPresent").withCommand(command)
                .endContainer()
                .withRestartPolicy("Never")
                .endSpec()
                .build();
    }

    /** Polls the pod's status, which is cheap (no call to Docker), until its container has terminated. */
    private static ContainerStateTerminated awaitEnd(PodRuntime runtime, Pod pod) throws InterruptedException {
        Instant deadline = Instant.now().plus(RUN_TIMEOUT);
        PodStatus status = runtime.status(pod);
        while (terminated(status).isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the pod did not end within " + RUN_TIMEOUT + "; its last status: "
                        + status.containers());
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
            status = runtime.status(pod);
        }
        return terminated(status).get();
    }

    private static Optional<ContainerStateTerminated> terminated(PodStatus status) {
        return status.containers().stream()
                .map(ContainerStatus::getState)
                .filter(state -> state != null && state.getTerminated() != null)
                .map(ContainerState::getTerminated)
                .findFirst();
    }
}
