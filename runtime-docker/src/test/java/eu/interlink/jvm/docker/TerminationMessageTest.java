package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code terminationMessagePath} and {@code terminationMessagePolicy}, on the real engine. */
class TerminationMessageTest {

    @RegisterExtension
    static final SharedRuntime shared = new SharedRuntime(RuntimeFixture::open);

    @Test
    void whatAContainerWritesToTheDefaultPathIsItsTerminatedMessage() {
        Pod pod = pod("default-path", shell("main", "echo bye > /dev/termination-log; exit 3"));

        ContainerStateTerminated terminated = terminated(pod);

        assertThat(terminated.getExitCode()).isEqualTo(3);
        assertThat(terminated.getReason()).isEqualTo("Error");
        assertThat(terminated.getMessage()).isEqualTo("bye\n");
    }

    @Test
    void aCustomTerminationMessagePathIsHonoured() {
        Pod pod = pod("custom-path", new ContainerBuilder(shell("main", "printf done > /tmp/outcome"))
                .withTerminationMessagePath("/tmp/outcome").build());

        ContainerStateTerminated terminated = terminated(pod);

        assertThat(terminated.getReason()).isEqualTo("Completed");
        assertThat(terminated.getMessage()).isEqualTo("done");
    }

    @Test
    void onlyTheLast4096BytesOfALongMessageAreKept() {
        Pod pod = pod("long-message", shell("main",
                "i=0; while [ $i -lt 500 ]; do printf 0123456789; i=$((i+1)); done > /dev/termination-log; "
                        + "printf END >> /dev/termination-log"));

        String message = terminated(pod).getMessage();

        assertThat(message).hasSize(4096).endsWith("789END");
    }

    @Test
    void fallbackToLogsOnErrorUsesTheEndOfTheLogOfAFailedContainerThatWroteNoMessage() {
        // All on stdout: Docker reads stdout and stderr from two pipes and does not keep their order between them.
        Pod pod = pod("fallback", new ContainerBuilder(shell("main",
                "i=1; while [ $i -le 100 ]; do echo line $i; i=$((i+1)); done; echo failing; exit 2"))
                .withTerminationMessagePolicy("FallbackToLogsOnError").build());

        String message = terminated(pod).getMessage();

        assertThat(message).startsWith("line 22\nline 23\n").endsWith("line 100\nfailing\n");
        assertThat(message.split("\n")).hasSize(80);
    }

    @Test
    void fallbackToLogsOnErrorKeepsAWrittenMessageAndLeavesASuccessWithoutOne() {
        Pod written = pod("fallback-written", new ContainerBuilder(shell("main",
                "echo noise; echo chosen > /dev/termination-log; exit 1"))
                .withTerminationMessagePolicy("FallbackToLogsOnError").build());
        Pod succeeded = pod("fallback-success", new ContainerBuilder(shell("main", "echo all good"))
                .withTerminationMessagePolicy("FallbackToLogsOnError").build());

        assertThat(terminated(written).getMessage()).isEqualTo("chosen\n");
        assertThat(terminated(succeeded).getMessage()).isNull();
    }

    private static ContainerStateTerminated terminated(Pod pod) {
        shared.fixture().create(pod);
        return shared.fixture().awaitStatus(pod, s -> s.containers().get(0).getState().getTerminated() != null)
                .containers().get(0).getState().getTerminated();
    }
}
