package eu.interlink.jvm.docker.spec;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entries of a ConfigMap or a Secret as bytes, as files and environment variables take them. An entry that
 * cannot be decoded is added to {@code problems}, named after {@code where}, and left out.
 */
public final class ObjectData {

    private ObjectData() {
    }

    /**
     * {@code data} as UTF-8 text and {@code binaryData} decoded from base64; a key in both is a problem, as the API
     * server says.
     */
    public static Map<String, byte[]> ofConfigMap(ConfigMap configMap, String where, List<String> problems) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        text(configMap.getData(), entries);
        if (configMap.getData() != null && configMap.getBinaryData() != null) {
            configMap.getBinaryData().keySet().stream().filter(configMap.getData()::containsKey).sorted()
                    .forEach(key -> problems.add(where + ": ConfigMap " + name(configMap.getMetadata()) + " has key "
                            + key + " in both data and binaryData"));
        }
        base64(configMap.getBinaryData(), where + ": ConfigMap " + name(configMap.getMetadata()) + " binaryData",
                entries, problems);
        return entries;
    }

    /** {@code data} decoded from base64, and {@code stringData} as UTF-8 text (the API server folds it into data). */
    public static Map<String, byte[]> ofSecret(Secret secret, String where, List<String> problems) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        base64(secret.getData(), where + ": Secret " + name(secret.getMetadata()) + " data", entries, problems);
        text(secret.getStringData(), entries);
        return entries;
    }

    private static void text(Map<String, String> data, Map<String, byte[]> entries) {
        if (data != null) {
            data.forEach((key, value) -> entries.put(key, value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static void base64(Map<String, String> data, String where, Map<String, byte[]> entries,
            List<String> problems) {
        if (data == null) {
            return;
        }
        data.forEach((key, value) -> {
            try {
                entries.put(key, value == null ? new byte[0] : Base64.getMimeDecoder().decode(value));
            } catch (IllegalArgumentException e) {
                problems.add(where + "[" + key + "] is not base64");
            }
        });
    }

    private static String name(ObjectMeta metadata) {
        return metadata == null ? "(unnamed)" : metadata.getName();
    }
}
