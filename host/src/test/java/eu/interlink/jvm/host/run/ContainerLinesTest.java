package eu.interlink.jvm.host.run;

import static eu.interlink.jvm.host.run.ScriptedBackend.running;
import static eu.interlink.jvm.host.run.ScriptedBackend.status;
import static eu.interlink.jvm.host.run.ScriptedBackend.terminated;
import static eu.interlink.jvm.host.run.ScriptedBackend.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerLinesTest {

    @Test
    void describesEachContainerInitContainersFirst() {
        Map<String, String> lines = ContainerLines.of(status(List.of(terminated("setup", 0)),
                waiting("main", "PodInitializing", null),
                new ContainerStatusBuilder(running("side")).withReady(false).withRestartCount(2).build()));

        assertThat(lines).containsExactly(
                Map.entry("init:setup", "terminated with exit code 0 (Completed)"),
                Map.entry("main", "waiting (PodInitializing)"),
                Map.entry("side", "running, restarted 2×"));
    }

    @Test
    void changesAreTheLinesThatDiffer() {
        Map<String, String> before = ContainerLines.of(status(List.of(), running("a"), running("b")));
        Map<String, String> now = ContainerLines.of(status(List.of(), running("a"), terminated("b", 3)));

        assertThat(ContainerLines.changes(before, now)).containsExactly(
                Map.entry("b", "terminated with exit code 3 (Error)"));
        assertThat(ContainerLines.changes(Map.of(), now)).hasSize(2);
    }
}
