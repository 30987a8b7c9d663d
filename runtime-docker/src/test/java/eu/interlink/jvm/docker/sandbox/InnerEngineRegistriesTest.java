package eu.interlink.jvm.docker.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import com.github.dockerjava.api.model.InfoRegistryConfig;
import eu.interlink.jvm.docker.engine.TestEngines;
import eu.interlink.jvm.docker.engine.Cancellation;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.images.Images;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code Docker.RegistryMirrors} and {@code Docker.InsecureRegistries} on the real engine: a sandbox's inner engine
 * runs with them, each given to its dockerd as an argument of its own.
 */
class InnerEngineRegistriesTest {

    private static final String DIND = DindImageResolver.LOCAL_IMAGE;
    private static final List<String> MIRRORS = List.of("https://mirror-one.example:5000", "http://10.0.0.7/");
    private static final String INSECURE = "registry.internal:5000";

    private TestEngines engines;
    private Engine host;
    private Path dataRoot;
    private SandboxLayout layout;
    private SandboxRemover remover;
    private String id;

    @BeforeEach
    void connect() throws IOException {
        engines = new TestEngines(Duration.ofSeconds(20));
        host = engines.factory().host();
        dataRoot = Files.createTempDirectory(Path.of("/tmp"), "ilj-");
        layout = new SandboxLayout(dataRoot);
        remover = new SandboxRemover(host, layout);
        id = layout.newId();
    }

    @AfterEach
    void removeSandbox() throws IOException {
        try {
            remover.remove(id);
        } finally {
            host.close();
            engines.close();
            try (Stream<Path> tree = Files.walk(dataRoot)) {
                tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void theInnerEngineUsesTheConfiguredMirrorsAndInsecureRegistry() {
        DindImageResolver dind = new DindImageResolver(host, new Images(Duration.ofSeconds(60)), DIND, DIND);
        SandboxFactory factory = new SandboxFactory(host, engines.factory(), layout,
                dind, new SandboxSecurity(DindSecurity.AUTO), remover, Duration.ofSeconds(60),
                new SandboxNetwork(host, SandboxNetwork.DEFAULT), new RegistryFlags(MIRRORS, List.of(INSECURE)), dind);

        try (Sandbox sandbox = factory.build(id, false, SandboxNeeds.NONE, new Cancellation())) {
            InfoRegistryConfig registries = sandbox.engine().call("info", client -> client.infoCmd().exec())
                    .getRegistryConfig();

            // dockerd ends each mirror URL with a slash.
            assertThat(registries.getMirrors()).asInstanceOf(LIST)
                    .containsExactly("https://mirror-one.example:5000/", "http://10.0.0.7/");
            assertThat(registries.getIndexConfigs()).hasEntrySatisfying(INSECURE, index -> {
                assertThat(index.getName()).isEqualTo(INSECURE);
                assertThat(index.getSecure()).isFalse();
            });
        }
        List<String> command = List.of(host.call("inspect sandbox container",
                client -> client.inspectContainerCmd(layout.containerName(id)).exec()).getConfig().getCmd());
        assertThat(command).endsWith("--registry-mirror=https://mirror-one.example:5000",
                "--registry-mirror=http://10.0.0.7/", "--insecure-registry=" + INSECURE);
    }
}
