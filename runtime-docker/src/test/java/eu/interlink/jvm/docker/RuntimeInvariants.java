package eu.interlink.jvm.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.docker.engine.Labels;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What must hold on the real engine once concurrent calls have settled, whatever their order:
 * <ul>
 *   <li>each deleted pod left nothing (claim, sandbox, volume, folder), and its UID is refused;</li>
 *   <li>each surviving pod runs, in the one sandbox its claim names, which is the JID its creates answered;</li>
 *   <li>no sandbox was given to two pods: the JIDs of different UIDs differ, and no sandbox has two claims;</li>
 *   <li>no sandbox is without an owner: each is claimed by a pod the runtime knows, or is an unclaimed member of the
 *       pool, and the pool holds exactly its size of them (one more would be a sandbox taken and then lost);</li>
 *   <li>no sandbox is freed twice: none handed out to a pod is back in the pool;</li>
 *   <li>no volume and no folder outlives its sandbox.</li>
 * </ul>
 */
final class RuntimeInvariants {

    /** How long the engine may still show a change under way once the pool says it is full again. */
    private static final Duration SETTLE_TIME = Duration.ofSeconds(10);

    private final RuntimeFixture fixture;
    private final int poolSize;

    RuntimeInvariants(RuntimeFixture fixture, int poolSize) {
        this.fixture = fixture;
        this.poolSize = poolSize;
    }

    /**
     * Waits until the calls' effects have settled, then checks every invariant.
     *
     * @param surviving the pods created and never deleted
     * @param deleted   the pods deleted, whether their creates came before, during or after
     * @param jids      the JIDs the creates answered, by pod UID
     */
    void awaitSettled(Collection<Pod> surviving, Collection<Pod> deleted, Map<String, Set<String>> jids) {
        List<String> handedOut = jids.values().stream().flatMap(Set::stream).toList();
        assertThat(handedOut).as("sandboxes handed out, one per UID").doesNotHaveDuplicates();
        for (Pod pod : deleted) {
            for (String jid : jids.getOrDefault(pod.getMetadata().getUid(), Set.of())) {
                fixture.awaitNothingLeftOf(pod, jid);
            }
            assertThat(fixture.claimsOf(pod)).as("claims of deleted pod %s", pod.getMetadata().getName()).isEmpty();
            assertThatThrownBy(() -> fixture.create(pod)).as("a create of deleted pod %s", pod.getMetadata().getName())
                    .isInstanceOf(InvalidPodException.class)
                    .hasMessageEndingWith("was deleted; a deleted pod cannot be created again under the same UID");
        }
        for (Pod pod : surviving) {
            String jid = jids.get(pod.getMetadata().getUid()).iterator().next();
            fixture.awaitStatus(pod, status -> status.containers().get(0).getState().getRunning() != null);
            assertThat(fixture.claimsOf(pod)).as("claims of pod %s", pod.getMetadata().getName()).singleElement()
                    .satisfies(claim -> assertThat(claim.getLabels()).containsEntry(Labels.SANDBOX_ID, jid));
            assertThat(fixture.sandboxesOf(pod)).as("sandbox of pod %s", pod.getMetadata().getName()).singleElement()
                    .satisfies(sandbox -> assertThat(sandbox.getState()).isEqualTo("running"));
        }
        fixture.awaitReady();
        await().atMost(SETTLE_TIME).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertEverySandboxHasOneOwner(handedOut));
    }

    /** Each sandbox of this runtime is claimed once by a pod it knows or is an unclaimed pool member, and no more. */
    void assertEverySandboxHasOneOwner(Collection<String> handedOut) throws IOException {
        String dataRoot = fixture.dataRoot.toString();
        List<Container> sandboxes = fixture.containersLabelled(Map.of(Labels.ROLE, Labels.ROLE_SANDBOX,
                Labels.DATA_ROOT, dataRoot));
        List<Container> claims = fixture.containersLabelled(Map.of(Labels.ROLE, Labels.ROLE_POD_CLAIM,
                Labels.DATA_ROOT, dataRoot));
        List<String> claimed = claims.stream().map(claim -> claim.getLabels().get(Labels.SANDBOX_ID)).toList();
        assertThat(claimed).as("claimed sandboxes").doesNotHaveDuplicates();
        Set<String> sandboxIds = sandboxes.stream().map(sandbox -> sandbox.getLabels().get(Labels.SANDBOX_ID))
                .collect(Collectors.toSet());
        assertThat(sandboxIds).as("sandboxes of the claims").containsAll(claimed);
        for (Container claim : claims) {
            assertThat(knows(claim)).as("the runtime knows the pod of claim %s", claim.getLabels()).isTrue();
        }
        List<Container> unclaimed = sandboxes.stream()
                .filter(sandbox -> !claimed.contains(sandbox.getLabels().get(Labels.SANDBOX_ID))).toList();
        assertThat(unclaimed).as("unclaimed sandboxes: the pool's members").hasSize(poolSize)
                .allSatisfy(sandbox -> {
                    assertThat(sandbox.getLabels()).containsEntry(Labels.POOL, "true");
                    assertThat(sandbox.getState()).isEqualTo("running");
                    assertThat(handedOut).as("sandboxes handed out to pods").doesNotContain(
                            sandbox.getLabels().get(Labels.SANDBOX_ID));
                });
        assertThat(fixture.runtime.readiness().detail()).contains("pool " + poolSize + "/" + poolSize);
        Set<String> volumeOwners = new HashSet<>();
        for (InspectVolumeResponse volume : fixture.volumesLabelled(Labels.DATA_ROOT, dataRoot)) {
            volumeOwners.add(volume.getLabels().get(Labels.SANDBOX_ID));
        }
        assertThat(sandboxIds).as("sandboxes of the volumes").containsAll(volumeOwners);
        List<String> folders = new ArrayList<>(fixture.sandboxFolders().stream().map(Path::getFileName)
                .map(Path::toString).toList());
        assertThat(sandboxIds).as("sandboxes of the folders").containsAll(folders);
    }

    /** Whether the runtime knows the pod the claim names: it answers NotFound for a pod it does not. */
    private boolean knows(Container claim) {
        Map<String, String> labels = claim.getLabels();
        Pod asked = new PodBuilder(RuntimeFixture.pod(labels.get(Labels.POD_NAME),
                        RuntimeFixture.shell("main", "true")))
                .editMetadata().withUid(labels.get(Labels.POD_UID)).withNamespace(labels.get(Labels.POD_NAMESPACE))
                .addToAnnotations("JobID", labels.get(Labels.SANDBOX_ID)).endMetadata().build();
        PodStatus status = fixture.status(asked);
        ContainerStateTerminated terminated = status.containers().get(0).getState().getTerminated();
        return terminated == null || !"NotFound".equals(terminated.getReason());
    }
}
