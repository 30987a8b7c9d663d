package eu.interlink.jvm.host.manifest;

import eu.interlink.jvm.host.config.YamlProblem;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The Kubernetes objects of a multi-document YAML text, as {@code kubectl apply -f} takes it: every document a
 * {@code v1} Pod, ConfigMap or Secret, or a {@code v1 List} of them. Empty documents are skipped; duplicate keys are
 * an error, as {@code kubectl} makes them.
 */
final class ManifestDocuments {

    private static final Set<String> KINDS = Set.of("Pod", "ConfigMap", "Secret");
    private static final String LIST = "List";

    private ManifestDocuments() {
    }

    /**
     * One object of the text.
     *
     * @param source   the file name, for messages
     * @param position where in the file: {@code document 2}, or {@code document 1, item 3} within a List
     * @param kind     Pod, ConfigMap or Secret
     * @param fields   the object as SnakeYAML read it
     */
    record Document(String source, String position, String kind, Map<?, ?> fields) {

        /** The file and position, for messages: {@code pod.yaml, document 2}. */
        String where() {
            return source + ", " + position;
        }
    }

    /**
     * The objects of {@code yaml}, in order.
     *
     * @throws ManifestException when the text is not YAML, or a document is not a v1 Pod, ConfigMap, Secret or List
     */
    static List<Document> parse(String yaml, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Iterator<Object> loaded = new Yaml(new TimestampsAsText(options)).loadAll(yaml).iterator();
        List<Document> documents = new ArrayList<>();
        for (int number = 1; ; number++) {
            Object document;
            try {
                if (!loaded.hasNext()) {
                    return documents;
                }
                document = loaded.next();
            } catch (YAMLException e) {
                throw new ManifestException(source + ", document " + number + ": not valid YAML: "
                        + YamlProblem.describe(e), e);
            }
            if (document != null) {
                add(document, source, "document " + number, false, documents);
            }
        }
    }

    private static void add(Object document, String source, String position, boolean inList,
            List<Document> documents) {
        String where = source + ", " + position;
        if (!(document instanceof Map<?, ?> fields)) {
            throw new ManifestException(where + ": expected a Kubernetes object (a mapping with apiVersion and kind),"
                    + " found " + (document instanceof List ? "a list" : "a single value"));
        }
        String kind = text(fields, "kind", where);
        String apiVersion = text(fields, "apiVersion", where);
        if (!KINDS.contains(kind) && !(kind.equals(LIST) && !inList)) {
            throw new ManifestException(where + ": kind \"" + kind + "\" is not understood; a manifest holds one Pod"
                    + " and the ConfigMaps and Secrets it uses, each a document or an item of a List");
        }
        if (!apiVersion.equals("v1")) {
            throw new ManifestException(where + ": apiVersion \"" + apiVersion + "\" for a " + kind
                    + "; expected v1");
        }
        if (kind.equals(LIST)) {
            addItems(fields.get("items"), source, position, documents);
        } else {
            documents.add(new Document(source, position, kind, fields));
        }
    }

    private static void addItems(Object items, String source, String position, List<Document> documents) {
        if (items == null) {
            return;
        }
        if (!(items instanceof List<?> list)) {
            throw new ManifestException(source + ", " + position + ": items must be a list of objects");
        }
        for (int i = 0; i < list.size(); i++) {
            add(list.get(i), source, position + ", item " + (i + 1), true, documents);
        }
    }

    private static String text(Map<?, ?> fields, String key, String where) {
        Object value = fields.get(key);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new ManifestException(where + ": " + key + " is " + (value == null ? "missing" : "not a name")
                    + "; expected apiVersion v1 and kind Pod, ConfigMap, Secret or List");
        }
        return text;
    }

    /**
     * Reads timestamps as the text they are, as Kubernetes' YAML reader does: an annotation {@code 2024-01-01} stays
     * that string instead of becoming a date that Jackson would write as a number.
     */
    private static final class TimestampsAsText extends SafeConstructor {

        TimestampsAsText(LoaderOptions options) {
            super(options);
            yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
        }
    }
}
