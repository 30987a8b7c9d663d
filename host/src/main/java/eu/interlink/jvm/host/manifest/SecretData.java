package eu.interlink.jvm.host.manifest;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A Secret's {@code data}, which is base64: stored as the API server stores it, and read back as text.
 */
final class SecretData {

    private SecretData() {
    }

    /**
     * Does to the Secret what the API server does on create, in place: checks that {@code data} is base64 (line
     * breaks in it are ignored, as Go ignores them) and encodes it again without them, merges {@code stringData}
     * into {@code data} (a key in both takes the {@code stringData} value) and drops it, and sets {@code type} to
     * {@code Opaque} when unset.
     *
     * @throws ManifestException naming {@code where} when a value of {@code data} is not base64
     */
    static void admit(Secret secret, String where) {
        Map<String, String> data = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((key, value) -> data.put(key, Base64.getEncoder().encodeToString(
                    decode(value, () -> where + ": Secret \"" + secret.getMetadata().getName() + "\": data[\"" + key
                            + "\"] is not base64; put plain text under stringData"))));
        }
        if (secret.getStringData() != null) {
            secret.getStringData().forEach((key, value) -> data.put(key,
                    Base64.getEncoder().encodeToString(String.valueOf(value).getBytes(StandardCharsets.UTF_8))));
        }
        secret.setData(data);
        secret.setStringData(null);
        if (secret.getType() == null || secret.getType().isBlank()) {
            secret.setType("Opaque");
        }
    }

    /** The Secret's values decoded from base64 as UTF-8 text, in the order of {@code data}. */
    static Map<String, String> texts(Secret secret) {
        Map<String, String> texts = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((key, value) -> texts.put(key, new String(
                    decode(value, () -> "Secret \"" + secret.getMetadata().getName() + "\": data[\"" + key
                            + "\"] is not base64"), StandardCharsets.UTF_8)));
        }
        return texts;
    }

    private static byte[] decode(String base64, Supplier<String> problem) {
        try {
            return Base64.getDecoder().decode(base64 == null ? "" : base64.replace("\r", "").replace("\n", ""));
        } catch (IllegalArgumentException e) {
            throw new ManifestException(problem.get(), e);
        }
    }
}
