package eu.interlink.jvm.docker.sandbox;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Container;
import eu.interlink.jvm.docker.engine.Cancellation;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.engine.EngineException;
import eu.interlink.jvm.docker.engine.Labels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * Gives sandboxes to pods on the host engine, where a restarted runtime can read it: a claim is a container named
 * {@code interlink-claim-<sandbox id>}, created from the DIND image and never started, labelled with the pod, the
 * sandbox and this runtime's {@code DataRootFolder}. Its name makes a claim atomic on the engine. Pooled and
 * dedicated sandboxes are claimed alike; {@link SandboxRemover} removes a claim last, with its sandbox.
 */
public final class SandboxClaims {

    private final Engine host;
    private final SandboxLayout layout;
    private final DindImageResolver dindImages;
    private final SandboxRemover sandboxes;

    /**
     * @param dindImages names the image claims are created from, which the host has, as sandboxes need it
     * @param sandboxes  finds claimed sandboxes by the labels of their claims
     */
    public SandboxClaims(Engine host, SandboxLayout layout, DindImageResolver dindImages, SandboxRemover sandboxes) {
        this.host = host;
        this.layout = layout;
        this.dindImages = dindImages;
        this.sandboxes = sandboxes;
    }

    /**
     * Claims the sandbox for a pod.
     *
     * @param podLabels    the labels that name the pod
     * @param cancellation stops a pull of the DIND image, should the host have lost it
     * @throws SandboxException      when the sandbox is claimed already, or the claim cannot be made
     * @throws CancellationException when cancelled
     */
    public void claim(String sandboxId, Map<String, String> podLabels, Cancellation cancellation) {
        Map<String, String> labels = new HashMap<>(podLabels);
        labels.put(Labels.ROLE, Labels.ROLE_POD_CLAIM);
        labels.put(Labels.SANDBOX_ID, sandboxId);
        labels.put(Labels.DATA_ROOT, layout.dataRootFolder().toString());
        String image = dindImages.resolve(cancellation);
        try {
            host.call("claim sandbox " + sandboxId, client -> client.createContainerCmd(image)
                    .withName(layout.claimName(sandboxId))
                    .withLabels(labels)
                    .withEntrypoint("true")
                    .exec());
        } catch (ConflictException e) {
            throw new SandboxException("sandbox " + sandboxId + " is claimed already (" + DockerMessages.oneLine(e)
                    + "): does another runtime use the same DataRootFolder?", e);
        } catch (DockerException | EngineException e) {
            throw new SandboxException("cannot claim sandbox " + sandboxId + ": " + DockerMessages.oneLine(e), e);
        }
    }

    /** The sandboxes claimed for the pod with this UID, for a pod the runtime does not remember. */
    public Set<String> sandboxesOf(String podUid) {
        return sandboxes.sandboxesLabelled(Map.of(Labels.ROLE, Labels.ROLE_POD_CLAIM, Labels.POD_UID, podUid,
                Labels.DATA_ROOT, layout.dataRootFolder().toString()));
    }

    /** The labels of the claims of this {@code DataRootFolder}'s pods, by pod UID. */
    public Map<String, Map<String, String>> labelsByPod() {
        List<Container> claimContainers = host.call("list the claims", client -> client.listContainersCmd()
                .withShowAll(true).withLabelFilter(Map.of(Labels.ROLE, Labels.ROLE_POD_CLAIM,
                        Labels.DATA_ROOT, layout.dataRootFolder().toString())).exec());
        Map<String, Map<String, String>> byPod = new HashMap<>();
        claimContainers.forEach(claim -> byPod.put(claim.getLabels().get(Labels.POD_UID), claim.getLabels()));
        return byPod;
    }

    /** Every sandbox claimed by a pod of a runtime with this {@code DataRootFolder}. */
    public Set<String> claimed() {
        return sandboxes.sandboxesLabelled(Map.of(Labels.ROLE, Labels.ROLE_POD_CLAIM,
                Labels.DATA_ROOT, layout.dataRootFolder().toString()));
    }
}
