package eu.interlink.jvm.docker.lifecycle;

import eu.interlink.jvm.docker.images.PullSecrets;
import eu.interlink.jvm.docker.sandbox.SandboxNeeds;
import eu.interlink.jvm.docker.spec.SentObjects;
import eu.interlink.jvm.docker.volumes.VolumePlan;
import java.util.List;

/**
 * What a pod's start needs besides its spec, decided when the pod is accepted.
 *
 * @param volumes     its volumes and where each container mounts them
 * @param sent        the ConfigMaps and Secrets interLink sent with it, for the containers' environment
 * @param pullSecrets the registry credentials of its {@code imagePullSecrets}
 * @param sandbox     what it needs of its sandbox
 */
public record PodPlan(VolumePlan volumes, SentObjects sent, PullSecrets pullSecrets, SandboxNeeds sandbox) {

    /** A pod without volumes, objects or pull secrets, which needs nothing particular of its sandbox. */
    public static final PodPlan EMPTY = new PodPlan(VolumePlan.NONE, SentObjects.of(List.of()), PullSecrets.NONE,
            SandboxNeeds.NONE);
}
