package eu.interlink.jvm.host.manifest;

import static eu.interlink.jvm.host.manifest.PodSpecs.listOf;

import eu.interlink.jvm.api.wire.PodFields;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapProjection;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretProjection;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The synthetic ConfigMap interLink's virtual kubelet sends for a projected volume: named after the volume, its
 * {@code data} maps each file's path to its text.
 *
 * <p>A ConfigMap source gives its {@code items} (key to path), or every key; its {@code binaryData} lands in the
 * synthetic map's {@code binaryData}, still base64. A Secret source gives its values decoded to text. A
 * {@code downwardAPI} source renders the pod's metadata ({@code metadata.name}, {@code .namespace}, {@code .uid},
 * {@code .labels}, {@code .annotations}, one label or annotation) and containers' resources as kubelet does.
 * {@code serviceAccountToken} and {@code clusterTrustBundle} sources give nothing: there is no cluster to ask.
 */
final class ProjectedVolumeMap {

    private final Pod pod;
    private final Manifest manifest;
    private final String where;
    private final Map<String, String> data = new LinkedHashMap<>();
    private final Map<String, String> binaryData = new LinkedHashMap<>();

    private ProjectedVolumeMap(Pod pod, Manifest manifest, String where) {
        this.pod = pod;
        this.manifest = manifest;
        this.where = where;
    }

    /**
     * The synthetic ConfigMap of a projected volume of {@code pod}; objects the manifest lacks are skipped (only
     * optional ones can be, once {@link ManifestReader} read it).
     *
     * @throws ManifestException when a source names a key its object lacks without {@code optional: true}, or a
     *                           Downward API field that cannot be rendered
     */
    static ConfigMap of(Volume volume, Pod pod, Manifest manifest) {
        ProjectedVolumeMap map = new ProjectedVolumeMap(pod, manifest, "projected volume \"" + volume.getName() + "\"");
        listOf(volume.getProjected().getSources()).forEach(map::add);
        return new ConfigMapBuilder().withNewMetadata().withName(volume.getName()).endMetadata()
                .withData(map.data).withBinaryData(map.binaryData.isEmpty() ? null : map.binaryData).build();
    }

    private void add(VolumeProjection source) {
        ConfigMapProjection configMap = source.getConfigMap();
        if (configMap != null) {
            manifest.configMap(configMap.getName()).ifPresent(object -> addItems(orEmpty(object.getData()),
                    orEmpty(object.getBinaryData()), configMap.getItems(), configMap.getOptional(),
                    "ConfigMap \"" + configMap.getName() + "\""));
        }
        SecretProjection secret = source.getSecret();
        if (secret != null) {
            manifest.secret(secret.getName()).ifPresent(object -> addItems(SecretData.texts(object), Map.of(),
                    secret.getItems(), secret.getOptional(), "Secret \"" + secret.getName() + "\""));
        }
        if (source.getDownwardAPI() != null) {
            listOf(source.getDownwardAPI().getItems()).forEach(this::addDownwardItem);
        }
    }

    private void addItems(Map<String, String> texts, Map<String, String> binaries, List<KeyToPath> items,
            Boolean optional, String object) {
        if (listOf(items).isEmpty()) {
            data.putAll(texts);
            binaryData.putAll(binaries);
            return;
        }
        for (KeyToPath item : items) {
            if (texts.containsKey(item.getKey())) {
                data.put(item.getPath(), texts.get(item.getKey()));
            } else if (binaries.containsKey(item.getKey())) {
                binaryData.put(item.getPath(), binaries.get(item.getKey()));
            } else if (!Boolean.TRUE.equals(optional)) {
                throw new ManifestException(where + ": " + object + " has no key \"" + item.getKey() + "\"");
            }
        }
    }

    private void addDownwardItem(DownwardAPIVolumeFile item) {
        String at = where + ": downwardAPI item \"" + item.getPath() + "\"";
        if (item.getFieldRef() != null) {
            String fieldPath = item.getFieldRef().getFieldPath();
            data.put(item.getPath(), PodFields.metadata(pod, fieldPath == null ? "" : fieldPath).orElseThrow(() ->
                    new ManifestException(at + ": fieldRef " + fieldPath + " is not supported (metadata.name,"
                            + " .namespace, .uid, .labels and .annotations are)")));
        } else if (item.getResourceFieldRef() != null) {
            String name = item.getResourceFieldRef().getContainerName();
            Container container = PodSpecs.containers(pod.getSpec()).stream()
                    .filter(candidate -> candidate.getName().equals(name)).findFirst()
                    .orElseThrow(() -> new ManifestException(at + ": resourceFieldRef names no container of the"
                            + " pod (\"" + name + "\")"));
            List<String> problems = new ArrayList<>();
            Optional<String> value = PodFields.resource(container, item.getResourceFieldRef(), at, problems);
            if (value.isEmpty()) {
                throw new ManifestException(problems.get(0));
            }
            data.put(item.getPath(), value.get());
        } else {
            throw new ManifestException(at + ": needs a fieldRef or a resourceFieldRef");
        }
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
