package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.api.wire.AcceleratorAvailability;
import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.LogOptions;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Pods get whole devices of an accelerator by their stable ids, exactly as many as they ask for and no others; a pod
 * that finds too few free waits, first in first out, saying why, and starts once a pod gives its devices back; the
 * allocation outlives a restart of the runtime. The accelerator is a real one of two host devices
 * ({@link TestDevices}).
 */
class DeviceAllocationTest {

    private static final String LIST_DEVICES = "ls /dev | grep testdev; echo \"held: $TEST_DEVICES\"; exec sleep 300";
    private static final Predicate<PodStatus> RUNNING = status -> status.containers().get(0).getState()
            .getRunning() != null;

    @Test
    void podsSeeExactlyTheirDevicesAThirdWaitsUntilOneIsFreedAndTheAllocationOutlivesARestart() throws IOException {
        try (RuntimeFixture fixture = RuntimeFixture.withAccelerators(List.of(new TestDevices()))) {
            assertThat(fixture.runtime.capacity().accelerators())
                    .containsExactly(new AcceleratorAvailability(TestDevices.RESOURCE, "2"));
            Pod first = asking(1, pod("first", shell("main", LIST_DEVICES)));
            Pod second = asking(1, pod("second", shell("main", LIST_DEVICES)));
            Pod third = asking(1, pod("third", shell("main", LIST_DEVICES)));
            CreateResponse firstCreated = fixture.create(first);
            fixture.awaitStatus(first, RUNNING);
            fixture.create(second);
            fixture.awaitStatus(second, RUNNING);
            String firstDevice = heldBy(fixture, first);
            String secondDevice = heldBy(fixture, second);
            assertThat(List.of(firstDevice, secondDevice)).containsExactlyInAnyOrder("testdev0", "testdev1");
            assertThat(fixture.runtime.capacity().accelerators())
                    .containsExactly(new AcceleratorAvailability(TestDevices.RESOURCE, "0"));

            fixture.create(third);
            ContainerStateWaiting waiting = fixture.awaitStatus(third, status -> status.containers().get(0).getState()
                    .getWaiting() != null && "WaitingForDevices".equals(status.containers().get(0).getState()
                    .getWaiting().getReason())).containers().get(0).getState().getWaiting();
            assertThat(waiting.getMessage()).isEqualTo("waiting for 1 " + TestDevices.RESOURCE + " (0 of 2 free)");

            fixture.restart();

            assertThat(fixture.runtime.capacity().accelerators())
                    .containsExactly(new AcceleratorAvailability(TestDevices.RESOURCE, "0"));
            fixture.awaitStatus(first, RUNNING);
            fixture.awaitStatus(second, RUNNING);
            fixture.runtime.delete(first);
            fixture.awaitNothingLeftOf(first, firstCreated.podJid());
            fixture.awaitStatus(third, RUNNING);
            assertThat(heldBy(fixture, third)).isEqualTo(firstDevice);
            assertThat(fixture.runtime.capacity().accelerators())
                    .containsExactly(new AcceleratorAvailability(TestDevices.RESOURCE, "0"));
        }
    }

    @Test
    void aPodAskingForMoreDevicesThanTheNodeHasOrForAResourceNoAcceleratorServesIsRefusedSayingSo()
            throws IOException {
        try (RuntimeFixture fixture = RuntimeFixture.withAccelerators(List.of(new TestDevices()))) {
            Pod greedy = asking(3, pod("greedy", shell("main", "true")));
            assertThatThrownBy(() -> fixture.runtime.create(new RetrievedPodData(greedy, null)))
                    .isInstanceOf(InvalidPodException.class)
                    .hasMessageContaining("asks for 3 " + TestDevices.RESOURCE + " but this node has 2");
            Pod unknown = new PodBuilder(pod("unknown", shell("main", "true"))).editSpec().editFirstContainer()
                    .withNewResources().withLimits(Map.of("acme.com/npu", new Quantity("1"))).endResources()
                    .endContainer().endSpec().build();
            assertThatThrownBy(() -> fixture.runtime.create(new RetrievedPodData(unknown, null)))
                    .isInstanceOf(InvalidPodException.class)
                    .hasMessageContaining("spec.containers[main].resources.limits[acme.com/npu] (no accelerator serves"
                            + " acme.com/npu; installed: " + TestDevices.RESOURCE + ")");
        }
    }

    @Test
    void aWaitingPodWhoseDeadlinePassesLeavesTheQueueAndTakesNoDevice() throws IOException {
        try (RuntimeFixture fixture = RuntimeFixture.withAccelerators(List.of(new TestDevices()))) {
            Pod holder = asking(2, pod("holder", shell("main", "exec sleep 300")));
            Pod impatient = new PodBuilder(asking(1, pod("impatient", shell("main", "exec sleep 300"))))
                    .editSpec().withActiveDeadlineSeconds(2L).endSpec().build();
            Pod patient = asking(1, pod("patient", shell("main", LIST_DEVICES)));
            CreateResponse held = fixture.create(holder);
            fixture.awaitStatus(holder, RUNNING);
            fixture.create(impatient);
            fixture.awaitStatus(impatient, status -> status.containers().get(0).getState().getTerminated() != null);
            fixture.create(patient);

            fixture.runtime.delete(holder);
            fixture.awaitNothingLeftOf(holder, held.podJid());

            fixture.awaitStatus(patient, RUNNING);
            assertThat(fixture.runtime.capacity().accelerators())
                    .containsExactly(new AcceleratorAvailability(TestDevices.RESOURCE, "1"));
        }
    }

    @Test
    void aContainerThatAsksForNoDeviceSeesNoneOfThoseOfItsPod() throws IOException {
        try (RuntimeFixture fixture = RuntimeFixture.withAccelerators(List.of(new TestDevices()))) {
            Pod pod = new PodBuilder(asking(1, pod("sharing", shell("main", LIST_DEVICES),
                    shell("bystander", "ls /dev | grep testdev; echo \"held: $TEST_DEVICES\"; exec sleep 300"))))
                    .build();
            fixture.create(pod);
            fixture.awaitStatus(pod, status -> status.containers().stream()
                    .allMatch(container -> container.getState().getRunning() != null));

            assertThat(heldBy(fixture, pod)).startsWith("testdev");
            assertThat(fixture.logs(pod, "bystander", LogOptions.DEFAULTS)).isEqualTo("held: none\n");
        }
    }

    @Test
    void aPodThatEndedGivesItsDevicesBackBeforeItIsDeletedAndARestartDoesNotTakeThemAgain() throws IOException {
        try (RuntimeFixture fixture = RuntimeFixture.withAccelerators(List.of(new TestDevices()))) {
            Pod done = asking(2, pod("done", shell("main", "ls /dev | grep testdev")));
            fixture.create(done);
            fixture.awaitStatus(done, status -> status.containers().get(0).getState().getTerminated() != null);

            assertThat(fixture.logs(done, "main", LogOptions.DEFAULTS)).isEqualTo("testdev0\ntestdev1\n");
            assertThat(fixture.runtime.capacity().accelerators())
                    .containsExactly(new AcceleratorAvailability(TestDevices.RESOURCE, "2"));

            fixture.restart();

            assertThat(fixture.runtime.capacity().accelerators()).as("after a restart, although its claim names them")
                    .containsExactly(new AcceleratorAvailability(TestDevices.RESOURCE, "2"));
        }
    }

    private static Pod asking(int devices, Pod pod) {
        return new PodBuilder(pod).editSpec().editFirstContainer().withNewResources()
                .withLimits(Map.of(TestDevices.RESOURCE, new Quantity(String.valueOf(devices)))).endResources()
                .endContainer().endSpec().build();
    }

    /** The one device the pod's container sees, checked against the variable it was given. */
    private static String heldBy(RuntimeFixture fixture, Pod pod) throws IOException {
        List<String> lines = fixture.logs(pod, "main", LogOptions.DEFAULTS).lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).isEqualTo("held: " + lines.get(0));
        return lines.get(0);
    }
}
