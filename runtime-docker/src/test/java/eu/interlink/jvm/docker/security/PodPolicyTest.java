package eu.interlink.jvm.docker.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodPolicyTest {

    @TempDir
    Path temp;

    @Test
    void theHostEnginesSocketIsRefusedAsWrittenAsItsLinksLeadAndInTheFolderThatHoldsIt() throws IOException {
        Path host = temp.toRealPath();
        Path run = Files.createDirectories(host.resolve("run"));
        Path socket = Files.createFile(run.resolve("docker.sock"));
        Path varRun = Files.createSymbolicLink(host.resolve("var-run"), run);
        PodPolicy policy = new PodPolicy(false, Set.of(), true, List.of(), Path.of("/data"),
                varRun.resolve("docker.sock"));

        assertThat(policy.hostPathRefusals(varRun.resolve("docker.sock"))).containsExactly("refused: "
                + varRun.resolve("docker.sock") + " is the host engine's socket " + varRun.resolve("docker.sock")
                + ": it would give the pod the host's Docker engine");
        assertThat(policy.hostPathRefusals(socket)).containsExactly("refused: " + socket + " is the host engine's"
                + " socket " + varRun.resolve("docker.sock") + ": it would give the pod the host's Docker engine");
        assertThat(policy.hostPathRefusals(run)).containsExactly("refused: " + run + " holds the host engine's"
                + " socket " + varRun.resolve("docker.sock") + ": it would give the pod the host's Docker engine");
        assertThat(policy.hostPathRefusals(run.resolve("other"))).isEmpty();
    }

    @Test
    void byDefaultTheSocketIsTheOneDockerJavaReachesTheHostEngineAt() throws IOException {
        Path socket = EngineSocket.ofHostEngine();
        assertThat(socket).as("these tests reach the host engine on a unix socket (DOCKER_HOST)").isNotNull().exists();
        Path real = socket.toRealPath();
        PodPolicy policy = new PodPolicy(false, Set.of(), true, List.of(), Path.of("/data"));

        assertThat(policy.engineSocket()).isEqualTo(socket);
        assertThat(policy.hostPathRefusals(socket)).contains("refused: " + socket + " is the host engine's socket "
                + socket + ": it would give the pod the host's Docker engine");
        assertThat(policy.hostPathRefusals(socket.getParent())).first().asString()
                .startsWith("refused: " + socket.getParent() + " holds the host engine's socket");
        assertThat(policy.hostPathRefusals(real)).contains("refused: " + real + " is the host engine's socket "
                + socket + ": it would give the pod the host's Docker engine");
    }
}
