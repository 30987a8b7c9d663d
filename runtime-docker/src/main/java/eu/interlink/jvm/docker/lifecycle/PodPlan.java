package eu.interlink.jvm.docker.lifecycle;

import eu.interlink.jvm.docker.accelerators.DeviceNeeds;
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
 * @param devices     the devices it asks for, which only a sandbox built for it can have
 */
public record PodPlan(VolumePlan volumes, SentObjects sent, PullSecrets pullSecrets, SandboxNeeds sandbox,
        DeviceNeeds devices) {

    /** A pod without volumes, objects or pull secrets, which needs nothing particular of its sandbox. */
    public static final PodPlan EMPTY = new PodPlan(VolumePlan.NONE, SentObjects.of(List.of()), PullSecrets.NONE,
            SandboxNeeds.NONE, DeviceNeeds.NONE);

    /** Whether the pod needs a sandbox built for it, rather than one of the pool. */
    public boolean dedicatedSandbox() {
        return sandbox.dedicated() || devices.any();
    }
}
