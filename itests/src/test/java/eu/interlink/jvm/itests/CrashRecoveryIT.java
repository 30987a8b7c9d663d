package eu.interlink.jvm.itests;

import static eu.interlink.jvm.itests.PodWaits.awaitState;
import static eu.interlink.jvm.itests.PodWaits.jidOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin killed with SIGKILL and started again on the same {@code DataRootFolder} loses nothing: a running pod is
 * reported as before (same JID, same container, same start), its log still reads and its delete still works; a pod
 * whose delete was answered just before the kill is removed by the new plugin.
 */
class CrashRecoveryIT {

    @TempDir
    Path workDir;

    @Test
    void aPluginKilledAndStartedAgainKnowsItsPodsAndFinishesTheRemovalsItHadBegun()
            throws IOException, InterruptedException {
        Map<String, Object> config = Map.of(
                "SidecarPort", 0,
                "AVAILABLEDINDS", 1,
                "DataRootFolder", workDir.resolve("data").toString(),
                "Docker", Map.of("DindImage", "interlink-jvm/dind:local"));
        Pod survivor = PodRequests.shellPod("survivor", "echo alive; exec sleep 300");
        Pod leaving = new PodBuilder(PodRequests.shellPod("leaving", "trap '' TERM; exec sleep 300"))
                .editSpec().withTerminationGracePeriodSeconds(5L).endSpec().build();
        try (HostEngine engine = new HostEngine()) {
            String survivorJid;
            String leavingJid;
            JsonNode before;
            try (PluginProcess first = PluginProcess.start(workDir, config)) {
                InterLinkClient interLink = new InterLinkClient(first.address());
                survivorJid = jidOf(interLink.call("POST", "/create", PodRequests.create(survivor)));
                leavingJid = jidOf(interLink.call("POST", "/create", PodRequests.create(leaving)));
                before = awaitState(interLink, survivor, survivorJid, "running");
                awaitState(interLink, leaving, leavingJid, "running");

                assertThat(interLink.call("POST", "/delete", PodRequests.write(leaving)).statusCode()).isEqualTo(200);
                first.kill();
            }
            assertThat(engine.containersOfSandbox(leavingJid)).as("the deleted pod's sandbox, after the kill")
                    .isNotEmpty();

            try (PluginProcess second = PluginProcess.start(workDir, config)) {
                InterLinkClient interLink = new InterLinkClient(second.address());
                JsonNode after = awaitState(interLink, survivor, survivorJid, "running");
                assertThat(after.get("JID").asText()).isEqualTo(survivorJid);
                assertThat(after.at("/containers/0/containerID").asText())
                        .isEqualTo(before.at("/containers/0/containerID").asText());
                assertThat(after.at("/containers/0/state/running/startedAt").asText())
                        .isEqualTo(before.at("/containers/0/state/running/startedAt").asText());
                assertThat(interLink.call("GET", "/getLogs", PodRequests.logs(survivor, "app", false)).body())
                        .isEqualTo("alive\n");
                awaitGone(engine, leaving, leavingJid);

                assertThat(interLink.call("POST", "/delete", PodRequests.write(survivor)).statusCode()).isEqualTo(200);
                awaitGone(engine, survivor, survivorJid);
                assertThat(second.stop()).as("exit code after SIGTERM").isIn(0, 143);
            }
        }
    }

    private void awaitGone(HostEngine engine, Pod pod, String jid) {
        await("pod " + pod.getMetadata().getName() + " gone").atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            assertThat(engine.containersOf(pod.getMetadata().getUid())).isEmpty();
            assertThat(engine.containersOfSandbox(jid)).isEmpty();
            assertThat(engine.volumesOfSandbox(jid)).isEmpty();
            assertThat(Files.exists(workDir.resolve("data/sandboxes").resolve(jid))).isFalse();
        });
    }
}
