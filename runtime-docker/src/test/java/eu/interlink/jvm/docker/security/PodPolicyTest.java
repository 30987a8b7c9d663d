package eu.interlink.jvm.docker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

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
        assumeThat(System.getenv("DOCKER_HOST")).isNull();
        assumeThat(Path.of("/var/run/docker.sock")).exists();
        Path real = Path.of("/var/run/docker.sock").toRealPath();
        PodPolicy policy = new PodPolicy(false, Set.of(), true, List.of(), Path.of("/data"));

        assertThat(policy.engineSocket()).isEqualTo(Path.of("/var/run/docker.sock"));
        assertThat(policy.hostPathRefusals(Path.of("/var/run/docker.sock"))).contains("refused: /var/run/docker.sock"
                + " is the host engine's socket /var/run/docker.sock: it would give the pod the host's Docker engine");
        assertThat(policy.hostPathRefusals(Path.of("/var/run"))).first().asString()
                .startsWith("refused: /var/run holds the host engine's socket");
        assertThat(policy.hostPathRefusals(real)).contains("refused: " + real + " is the host engine's socket"
                + " /var/run/docker.sock: it would give the pod the host's Docker engine");
    }
}
