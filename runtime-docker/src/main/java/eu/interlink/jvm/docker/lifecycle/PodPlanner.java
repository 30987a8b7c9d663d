package eu.interlink.jvm.docker.lifecycle;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import eu.interlink.jvm.docker.accelerators.DeviceAllocator;
import eu.interlink.jvm.docker.accelerators.DeviceNeeds;
import eu.interlink.jvm.docker.images.PullSecrets;
import eu.interlink.jvm.docker.network.HostsFile;
import eu.interlink.jvm.docker.network.ResolvConf;
import eu.interlink.jvm.docker.sandbox.SandboxNeeds;
import eu.interlink.jvm.docker.spec.Environment;
import eu.interlink.jvm.docker.spec.PodAddress;
import eu.interlink.jvm.docker.spec.SentObjects;
import eu.interlink.jvm.docker.spec.SpecContainers;
import eu.interlink.jvm.docker.volumes.VolumePlan;
import eu.interlink.jvm.docker.volumes.VolumePlanner;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides, when a pod is accepted, what its start will need from the request: its volumes, its pull secrets' registry
 * credentials, what it needs of its sandbox ({@link SandboxPlanner}), and proof that every environment variable can
 * be resolved. Problems of every kind are named together in one {@link InvalidPodException}, so that a pod is refused
 * before anything is built for it. Thread-safe.
 */
public final class PodPlanner {

    private final VolumePlanner volumes = new VolumePlanner();
    private final SandboxPlanner sandboxes;
    private final DeviceAllocator devices;

    /** @param devices tells which devices there are, so that a pod asks for no more than the node has */
    public PodPlanner(SandboxPlanner sandboxes, DeviceAllocator devices) {
        this.sandboxes = sandboxes;
        this.devices = devices;
    }

    /**
     * @throws InvalidPodException naming every volume, mount, pull secret or variable that cannot be honoured
     */
    public PodPlan plan(RetrievedPodData data) {
        SentObjects sent = SentObjects.of(data.container());
        List<String> problems = new ArrayList<>();
        VolumePlan volumePlan = VolumePlan.NONE;
        try {
            volumePlan = volumes.plan(data.pod(), sent);
        } catch (InvalidPodException e) {
            problems.add(e.getMessage());
        }
        PullSecrets pullSecrets = PullSecrets.NONE;
        try {
            pullSecrets = PullSecrets.of(data.pod().getSpec(), sent);
        } catch (InvalidPodException e) {
            problems.add(e.getMessage());
        }
        try {
            ResolvConf.check(data.pod().getSpec());
            HostsFile.check(data.pod().getSpec());
        } catch (InvalidPodException e) {
            problems.add(e.getMessage());
        }
        SandboxNeeds needs = SandboxNeeds.NONE;
        try {
            needs = sandboxes.plan(data.pod(), volumePlan.hostPaths());
        } catch (InvalidPodException e) {
            problems.add(e.getMessage());
        }
        DeviceNeeds deviceNeeds = DeviceNeeds.NONE;
        try {
            deviceNeeds = DeviceNeeds.of(data.pod().getSpec(), devices.resources());
            devices.requireEnough(deviceNeeds, PodIdentity.of(data.pod()).toString());
        } catch (InvalidPodException e) {
            problems.add(e.getMessage());
        }
        Environment environment = new Environment(data.pod(), sent, PodAddress.UNKNOWN);
        SpecContainers.of(data.pod().getSpec()).forEach(container -> {
            try {
                environment.of(container);
            } catch (InvalidPodException e) {
                problems.add(e.getMessage());
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidPodException(String.join("; ", problems));
        }
        return new PodPlan(volumePlan, sent, pullSecrets, needs, deviceNeeds);
    }
}
