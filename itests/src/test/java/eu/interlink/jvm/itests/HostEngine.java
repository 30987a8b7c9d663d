package eu.interlink.jvm.itests;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The host's Docker engine, seen from the tests: what the plugin left on it, found by label. */
final class HostEngine implements AutoCloseable {

    static final String POD_UID_LABEL = "eu.interlink.jvm.pod-uid";
    static final String SANDBOX_ID_LABEL = "eu.interlink.jvm.sandbox-id";
    static final String DATA_ROOT_LABEL = "eu.interlink.jvm.data-root";

    private final DockerClient docker;

    HostEngine() {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        docker = DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(30))
                .build());
        try {
            docker.pingCmd().exec();
        } catch (RuntimeException e) {
            throw new IllegalStateException("no Docker engine answers at " + config.getDockerHost()
                    + ": start one (scripts/start-docker.sh) before running the tests", e);
        }
    }

    /** The engine's client, for tests that run containers of their own on it. */
    DockerClient client() {
        return docker;
    }

    int cpus() {
        return docker.infoCmd().exec().getNCPU();
    }

    /** Containers, running or not, that name the pod with this UID. */
    List<Container> containersOf(String podUid) {
        return containersLabelled(POD_UID_LABEL + "=" + podUid);
    }

    /** Containers, running or not, of the sandbox with this id (the pod's JID). */
    List<Container> containersOfSandbox(String sandboxId) {
        return containersLabelled(SANDBOX_ID_LABEL + "=" + sandboxId);
    }

    /** Volumes of the sandbox with this id (the pod's JID). */
    List<String> volumesOfSandbox(String sandboxId) {
        return volumesLabelled(SANDBOX_ID_LABEL + "=" + sandboxId);
    }

    /** Containers, running or not, that a runtime with this {@code DataRootFolder} made: sandboxes and claims. */
    List<Container> containersOfDataRoot(Path dataRoot) {
        return containersLabelled(DATA_ROOT_LABEL + "=" + dataRoot);
    }

    /** Volumes that a runtime with this {@code DataRootFolder} made. */
    List<String> volumesOfDataRoot(Path dataRoot) {
        return volumesLabelled(DATA_ROOT_LABEL + "=" + dataRoot);
    }

    private List<Container> containersLabelled(String label) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(label)).exec();
    }

    private List<String> volumesLabelled(String label) {
        var volumes = docker.listVolumesCmd().withFilter("label", List.of(label)).exec().getVolumes();
        return volumes == null ? List.of() : volumes.stream().map(v -> v.getName()).toList();
    }

    @Override
    public void close() {
        try {
            docker.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
