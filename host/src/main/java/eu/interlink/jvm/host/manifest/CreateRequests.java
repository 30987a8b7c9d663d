package eu.interlink.jvm.host.manifest;

import eu.interlink.jvm.api.wire.RetrievedContainer;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the body of {@code POST /create} that interLink's virtual kubelet would send for a manifest's pod.
 *
 * <p>The pod is a copy of the manifest's with every container's {@code envFrom} flattened into its {@code env}
 * (see {@link EnvFromFlattening}). There is one container entry per init container, then one per regular container;
 * each holds only the ConfigMaps and Secrets that container uses: those of the volumes it mounts ({@code configMap},
 * {@code secret}, and the {@code configMap} and {@code secret} sources of {@code projected} volumes) and, unlike the
 * virtual kubelet (which sends them only when it resolves {@code valueFrom} itself), those its
 * {@code env[].valueFrom} names with {@code configMapKeyRef} or {@code secretKeyRef}, so that a plugin can resolve
 * them. The Secrets of the pod's {@code imagePullSecrets} that the manifest defines go with every container, for the
 * plugin to pull its images with (one the manifest does not define is left out, as kubelet pulls without a secret it
 * cannot find). Each projected volume it mounts comes as a synthetic ConfigMap named after the volume (see
 * {@link ProjectedVolumeMap}; {@code serviceAccountToken} sources are left out, there being no cluster).
 * {@code emptyDirs} is empty, as since interLink 0.4.
 */
public final class CreateRequests {

    private CreateRequests() {
    }

    /**
     * The create request for the manifest's pod; the manifest is left unchanged.
     *
     * @throws ManifestException when a projected volume names a key its object lacks without {@code optional: true},
     *                           or a Downward API field that cannot be rendered
     */
    public static RetrievedPodData of(Manifest manifest) {
        Pod pod = new PodBuilder(manifest.pod()).build();
        List<Container> containers = PodSpecs.containers(pod.getSpec());
        List<RetrievedContainer> entries = containers.stream().map(container -> entryOf(container, pod, manifest))
                .toList();
        containers.forEach(container -> EnvFromFlattening.flatten(container, manifest));
        return new RetrievedPodData(pod, entries);
    }

    private static RetrievedContainer entryOf(Container container, Pod pod, Manifest manifest) {
        Map<String, ConfigMap> configMaps = new LinkedHashMap<>();
        Map<String, Secret> secrets = new LinkedHashMap<>();
        for (ObjectUse use : ObjectUses.ofContainer(pod.getSpec(), container)) {
            switch (use.kind()) {
                case CONFIG_MAP -> manifest.configMap(use.name()).ifPresent(found -> configMaps.put(use.name(), found));
                case SECRET -> manifest.secret(use.name()).ifPresent(found -> secrets.put(use.name(), found));
            }
        }
        for (LocalObjectReference pullSecret : Objects.requireNonNullElse(pod.getSpec().getImagePullSecrets(),
                List.<LocalObjectReference>of())) {
            manifest.secret(pullSecret.getName()).ifPresent(found -> secrets.put(pullSecret.getName(), found));
        }
        List<ConfigMap> projected = PodSpecs.mountedVolumes(pod.getSpec(), container).stream()
                .filter(volume -> volume.getProjected() != null)
                .map(volume -> ProjectedVolumeMap.of(volume, pod, manifest)).toList();
        return new RetrievedContainer(container.getName(), List.copyOf(configMaps.values()),
                List.copyOf(secrets.values()), projected, null);
    }
}
