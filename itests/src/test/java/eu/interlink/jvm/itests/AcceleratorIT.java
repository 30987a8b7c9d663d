package eu.interlink.jvm.itests;

import static eu.interlink.jvm.itests.FakeAccelerator.acceleratorsInPing;
import static eu.interlink.jvm.itests.FakeAccelerator.available;
import static eu.interlink.jvm.itests.InterLinkClient.json;
import static eu.interlink.jvm.itests.PodWaits.awaitState;
import static eu.interlink.jvm.itests.PodWaits.jidOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import eu.interlink.jvm.api.accelerator.AcceleratorProvider;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vendor adds an accelerator with a jar and no change to the plugin: the fake accelerator ({@code
 * src/fake-accelerator}: {@code example.com/fake-accel}, device {@code fake0} backed by the host's {@code /dev/zero}
 * and {@code fake1} by {@code /dev/full}) on the classpath of the real plugin process, on the real engine. Each pod
 * sees exactly the device it was given (and a container that asks for none sees none), two pods never share one, a
 * pod that asks for more than is free waits in {@code Pending} saying so until one is freed, and a plugin killed and
 * started again keeps every allocation.
 */
class AcceleratorIT {

    private static final String RESOURCE = FakeAccelerator.RESOURCE;
    private static final String PROVIDER = FakeAccelerator.PROVIDER;
    /** The major:minor numbers (hex, as {@code stat} prints them) of the host file behind each fake device. */
    private static final Map<String, String> BACKING_FILE_NUMBERS = Map.of("fake0", "1:5", "fake1", "1:7");
    /** Prints the pod's device variable and every {@code /dev/fake*} file with its numbers, then sleeps till TERM. */
    private static final String SHOW_DEVICES = "echo \"variable $FAKE_ACCEL_DEVICES\";"
            + " for d in /dev/fake*; do stat -c 'node %n %t:%T' \"$d\"; done; echo listed;"
            + " trap 'exit 0' TERM; sleep 600 & wait";

    @TempDir
    Path workDir;

    @Test
    void podsSeeExactlyTheirOwnDeviceWaitWhileNoneIsFreeAndKeepItAcrossAPluginKill()
            throws IOException, InterruptedException {
        Map<String, Object> config = Map.of(
                "SidecarPort", 0,
                "AVAILABLEDINDS", 0,
                "DataRootFolder", workDir.resolve("data").toString(),
                "Docker", Map.of("DindImage", "interlink-jvm/dind:local"));
        List<Path> fakeAcceleratorJar = fakeAcceleratorJar();
        Pod first = new PodBuilder(askingForOneDevice("first")).editSpec()
                .addNewContainer().withName("asks-for-none").withImage(PodRequests.BUSYBOX)
                .withImagePullPolicy("IfNotPresent").withCommand("sh", "-c", SHOW_DEVICES).endContainer()
                .endSpec().build();
        Pod second = askingForOneDevice("second");
        Pod third = askingForOneDevice("third");
        try (HostEngine engine = new HostEngine()) {
            JsonNode secondBefore;
            JsonNode thirdBefore;
            try (PluginProcess plugin = PluginProcess.start(workDir, config, fakeAcceleratorJar)) {
                assertThat(plugin.output()).contains("found AcceleratorProvider '" + RESOURCE + "': " + PROVIDER);
                InterLinkClient interLink = new InterLinkClient(plugin.address());
                assertThat(acceleratorsInPing(interLink)).isEqualTo(available(2));

                String firstJid = jidOf(interLink.call("POST", "/create", PodRequests.create(first)));
                String secondJid = jidOf(interLink.call("POST", "/create", PodRequests.create(second)));
                awaitState(interLink, first, firstJid, "running");
                secondBefore = awaitState(interLink, second, secondJid, "running");
                String firstDevice = deviceSeenBy(interLink, first);
                assertThat(devicesSeen(interLink, first, "asks-for-none")).as("the devices of a container that asks"
                        + " for none, beside one that asks").isEmpty();
                String secondDevice = deviceSeenBy(interLink, second);
                assertThat(List.of(firstDevice, secondDevice)).as("the devices of the first two pods")
                        .containsExactlyInAnyOrder("fake0", "fake1");
                assertThat(acceleratorsInPing(interLink)).isEqualTo(available(0));

                String thirdJid = jidOf(interLink.call("POST", "/create", PodRequests.create(third)));
                JsonNode waiting = awaitState(interLink, third, thirdJid, "waiting", state ->
                        state.toString().contains(RESOURCE)).at("/containers/0/state/waiting");
                assertThat(waiting.path("reason").asText()).isEqualTo("WaitingForDevices");
                assertThat(waiting.path("message").asText()).as("why the third pod waits")
                        .contains("1 " + RESOURCE + " (0 of 2 free)");

                assertThat(interLink.call("POST", "/delete", PodRequests.write(first)).statusCode()).isEqualTo(200);
                thirdBefore = awaitState(interLink, third, thirdJid, "running");
                assertThat(deviceSeenBy(interLink, third)).as("the third pod's device, freed by the first")
                        .isEqualTo(firstDevice);
                awaitGone(engine, first, firstJid);
                plugin.kill();
            }

            try (PluginProcess again = PluginProcess.start(workDir, config, fakeAcceleratorJar)) {
                InterLinkClient interLink = new InterLinkClient(again.address());
                assertStillTheSameRun(interLink, second, secondBefore);
                assertStillTheSameRun(interLink, third, thirdBefore);
                assertThat(acceleratorsInPing(interLink)).as("after the restart, both devices still held")
                        .isEqualTo(available(0));

                assertThat(interLink.call("POST", "/delete", PodRequests.write(second)).statusCode()).isEqualTo(200);
                assertThat(interLink.call("POST", "/delete", PodRequests.write(third)).statusCode()).isEqualTo(200);
                awaitGone(engine, second, secondBefore.get("JID").asText());
                awaitGone(engine, third, thirdBefore.get("JID").asText());
                await("both devices free again").atMost(Duration.ofSeconds(30))
                        .until(() -> acceleratorsInPing(interLink), available(2)::equals);
            }
        }
    }

    @Test
    void theFakeAcceleratorIsOnNoTestsClasspathOnlyOnThatOfThePluginsItIsGivenTo() {
        assertThat(ServiceLoader.load(AcceleratorProvider.class).stream().map(provider -> provider.type().getName()))
                .doesNotContain(PROVIDER);
        assertThatThrownBy(() -> Class.forName(PROVIDER)).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theOperatorTurnsTheAcceleratorOffWithItsSettingThenNoDeviceIsOfferedAndPodsAskingForOneAreRefused()
            throws IOException, InterruptedException {
        Map<String, Object> config = Map.of(
                "SidecarPort", 0,
                "AVAILABLEDINDS", 0,
                "FAKEACCELENABLED", false,
                "DataRootFolder", workDir.resolve("data").toString(),
                "Docker", Map.of("DindImage", "interlink-jvm/dind:local"));
        try (PluginProcess plugin = PluginProcess.start(workDir, config, fakeAcceleratorJar())) {
            assertThat(plugin.output()).contains("accelerator " + RESOURCE + " is disabled by the configuration");
            InterLinkClient interLink = new InterLinkClient(plugin.address());
            assertThat(acceleratorsInPing(interLink)).isEmpty();
            HttpResponse<String> refused = interLink.call("POST", "/create", PodRequests.create(
                    askingForOneDevice("unserved")));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(json(refused).get("error").asText()).contains("no accelerator serves " + RESOURCE);
        }
    }

    /** The pod runs on in the same container that it ran in before, so with the same device. */
    private static void assertStillTheSameRun(InterLinkClient interLink, Pod pod, JsonNode before) {
        JsonNode after = awaitState(interLink, pod, before.get("JID").asText(), "running");
        assertThat(after.get("JID")).isEqualTo(before.get("JID"));
        assertThat(after.at("/containers/0/containerID")).isEqualTo(before.at("/containers/0/containerID"));
        assertThat(after.at("/containers/0/state/running/startedAt"))
                .isEqualTo(before.at("/containers/0/state/running/startedAt"));
    }

    private static List<Path> fakeAcceleratorJar() {
        return List.of(FakeAccelerator.jar());
    }

    private static Pod askingForOneDevice(String name) {
        Quantity one = new Quantity("1");
        return new PodBuilder(PodRequests.shellPod(name, SHOW_DEVICES)).editSpec()
                .editFirstContainer().withNewResources()
                .addToLimits(RESOURCE, one).addToRequests(RESOURCE, one)
                .endResources().endContainer()
                .withTerminationGracePeriodSeconds(5L)
                .endSpec().build();
    }

    /** The one device the pod's container {@code app} sees. */
    private static String deviceSeenBy(InterLinkClient interLink, Pod pod) {
        List<String> devices = devicesSeen(interLink, pod, "app");
        assertThat(devices).as("the devices pod " + pod.getMetadata().getName() + " sees").hasSize(1);
        return devices.get(0);
    }

    /**
     * The devices a container sees as {@code /dev/fake*} files, each checked to be the host file behind that device,
     * and all of them checked to be those its {@code FAKE_ACCEL_DEVICES} names.
     */
    private static List<String> devicesSeen(InterLinkClient interLink, Pod pod, String container) {
        String log = await(pod.getMetadata().getName() + "/" + container + " to list its devices")
                .atMost(Duration.ofSeconds(30))
                .until(() -> interLink.call("GET", "/getLogs", PodRequests.logs(pod, container, false)).body(),
                        body -> body.contains("listed\n"));
        List<String> devices = log.lines().filter(line -> line.startsWith("node ")).map(line -> {
            String[] node = line.split(" ");
            String device = node[1].substring("/dev/".length());
            assertThat(node[2]).as("the numbers of " + node[1]).isEqualTo(BACKING_FILE_NUMBERS.get(device));
            return device;
        }).toList();
        assertThat(log).as("the FAKE_ACCEL_DEVICES of " + container)
                .contains("variable " + String.join(",", devices) + "\n");
        return devices;
    }

    private static void awaitGone(HostEngine engine, Pod pod, String jid) {
        await("pod " + pod.getMetadata().getName() + " gone").atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            assertThat(engine.containersOf(pod.getMetadata().getUid())).isEmpty();
            assertThat(engine.containersOfSandbox(jid)).isEmpty();
        });
    }
}
