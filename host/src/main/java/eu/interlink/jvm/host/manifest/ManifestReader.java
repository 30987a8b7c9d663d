package eu.interlink.jvm.host.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.interlink.jvm.api.wire.JsonProblem;
import eu.interlink.jvm.api.wire.WireFormat;
import eu.interlink.jvm.host.config.FileProblem;
import eu.interlink.jvm.host.manifest.ManifestDocuments.Document;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a manifest file as {@code kubectl apply -f} takes it: YAML documents separated by {@code ---}, one Pod and
 * the ConfigMaps and Secrets it uses (all {@code apiVersion: v1}; a {@code kind: List} of them counts as its items).
 *
 * <p>The objects come back as the API server would store them: see {@link Manifest}. Everything the API server
 * would refuse, or that could not run without a cluster, is a {@link ManifestException} whose one-line message
 * names the file, the document (counted from 1) and the problem: YAML syntax (with line and column), other kinds,
 * no Pod or more than one, a pod without a name, containers or images, a ConfigMap or Secret named twice or in
 * another namespace than the pod, and a ConfigMap or Secret the pod uses without {@code optional: true} that the
 * file does not define. Unknown fields are ignored. Instances are immutable and thread-safe.
 */
public final class ManifestReader {

    private static final ObjectMapper MAPPER = new WireFormat().mapper();

    /**
     * Reads a manifest file as UTF-8; messages name it as given.
     *
     * @throws ManifestException when the file cannot be read or is not a manifest {@code run} can take
     */
    public Manifest read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ManifestException(file + ": " + FileProblem.describe(e), e);
        }
        return read(text, file.toString());
    }

    /**
     * Reads a manifest from its text.
     *
     * @param yaml   the YAML documents
     * @param source the file name, for messages
     * @throws ManifestException when the text is not a manifest {@code run} can take
     */
    public Manifest read(String yaml, String source) {
        List<Located<Pod>> pods = new ArrayList<>();
        List<Located<ConfigMap>> configMaps = new ArrayList<>();
        List<Located<Secret>> secrets = new ArrayList<>();
        for (Document document : ManifestDocuments.parse(yaml, source)) {
            switch (document.kind()) {
                case "Pod" -> pods.add(convert(document, Pod.class));
                case "ConfigMap" -> configMaps.add(convert(document, ConfigMap.class));
                case "Secret" -> secrets.add(convert(document, Secret.class));
                default -> throw new IllegalStateException("ManifestDocuments let kind " + document.kind() + " pass");
            }
        }
        Located<Pod> pod = onlyPod(pods, source);
        PodAdmission.admit(pod.object(), pod.where());
        String namespace = pod.object().getMetadata().getNamespace();
        checkNamesAndNamespaces(configMaps, "ConfigMap", namespace);
        checkNamesAndNamespaces(secrets, "Secret", namespace);
        secrets.forEach(secret -> SecretData.admit(secret.object(), secret.where()));
        Manifest manifest = new Manifest(pod.object(), objects(configMaps), objects(secrets));
        checkUsedObjectsDefined(manifest, pod.where(), source);
        return manifest;
    }

    /** An object and where in the file it is, for messages. */
    private record Located<T extends HasMetadata>(T object, Document document) {

        String where() {
            return document.where();
        }
    }

    private static <T extends HasMetadata> Located<T> convert(Document document, Class<T> type) {
        try {
            return new Located<>(MAPPER.convertValue(document.fields(), type), document);
        } catch (IllegalArgumentException e) {
            String problem = e.getCause() instanceof JsonProcessingException json ? JsonProblem.describe(json)
                    : e.getMessage();
            throw new ManifestException(document.where() + ": not a " + document.kind() + ": " + problem, e);
        }
    }

    private static Located<Pod> onlyPod(List<Located<Pod>> pods, String source) {
        if (pods.isEmpty()) {
            throw new ManifestException("no Pod in " + source + "; run takes one Pod and the ConfigMaps and Secrets"
                    + " it uses");
        }
        if (pods.size() > 1) {
            throw new ManifestException(pods.size() + " Pods in " + source + " (" + pods.stream()
                    .map(pod -> pod.document().position()).collect(Collectors.joining("; ")) + "); run takes one");
        }
        return pods.get(0);
    }

    /** Each needs a name, one object of a kind per name, and the pod's namespace, which it takes when it has none. */
    private static <T extends HasMetadata> void checkNamesAndNamespaces(List<Located<T>> objects, String kind,
            String namespace) {
        Map<String, Located<T>> byName = new LinkedHashMap<>();
        for (Located<T> located : objects) {
            ObjectMeta metadata = located.object().getMetadata();
            if (metadata == null || PodAdmission.isBlank(metadata.getName())) {
                throw new ManifestException(located.where() + ": the " + kind + " needs metadata.name");
            }
            Located<T> first = byName.putIfAbsent(metadata.getName(), located);
            if (first != null) {
                throw new ManifestException(located.where() + ": " + kind + " \"" + metadata.getName()
                        + "\" again; " + first.document().position() + " defines it already");
            }
            if (PodAdmission.isBlank(metadata.getNamespace())) {
                metadata.setNamespace(namespace);
            } else if (!metadata.getNamespace().equals(namespace)) {
                throw new ManifestException(located.where() + ": " + kind + " \"" + metadata.getName()
                        + "\" is in namespace \"" + metadata.getNamespace() + "\", the pod in \"" + namespace
                        + "\"; a pod uses objects of its own namespace only");
            }
        }
    }

    private static <T extends HasMetadata> List<T> objects(List<Located<T>> located) {
        return located.stream().map(Located::object).toList();
    }

    /** Reports every missing object at once, each with the places that use it, so that one edit fixes the file. */
    private static void checkUsedObjectsDefined(Manifest manifest, String podWhere, String source) {
        Map<String, Set<String>> missing = new LinkedHashMap<>();
        for (ObjectUse use : ObjectUses.ofPod(manifest.pod().getSpec())) {
            boolean defined = switch (use.kind()) {
                case CONFIG_MAP -> manifest.configMap(use.name()).isPresent();
                case SECRET -> manifest.secret(use.name()).isPresent();
            };
            if (!use.optional() && !defined) {
                missing.computeIfAbsent(use.kind() + " \"" + use.name() + "\"", object -> new LinkedHashSet<>())
                        .add(use.usedBy());
            }
        }
        if (!missing.isEmpty()) {
            List<String> described = missing.entrySet().stream()
                    .map(entry -> entry.getKey() + " (" + String.join(", ", entry.getValue()) + ")").toList();
            throw new ManifestException(podWhere + ": the pod uses " + inWords(described) + ", which " + source
                    + " does not define");
        }
    }

    /** {@code a}, {@code a and b}, {@code a, b and c}. */
    private static String inWords(List<String> items) {
        int last = items.size() - 1;
        return last == 0 ? items.get(0) : String.join(", ", items.subList(0, last)) + " and " + items.get(last);
    }
}
