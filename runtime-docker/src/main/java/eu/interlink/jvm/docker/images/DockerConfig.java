package eu.interlink.jvm.docker.images;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.AuthConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the registry credentials of a docker config, as pull secrets hold it: {@code {"auths": {key: entry}}}
 * ({@code .dockerconfigjson}) or {@code {key: entry}} ({@code .dockercfg}). A key is a registry host, with a port and
 * a repository path if any, and with or without a scheme ({@code https://index.docker.io/v1/}); an entry has
 * {@code username} and {@code password}, or {@code auth} (base64 of {@code user:password}), or {@code identitytoken}.
 *
 * <p>What cannot be read is named in {@code problems}, never quoted: the content is secret.
 */
final class DockerConfig {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DockerConfig() {
    }

    /**
     * The credentials of the config, in its order.
     *
     * @param auths    whether the config is {@code .dockerconfigjson}, with the entries under {@code auths}
     * @param where    what to name in a problem, such as {@code spec.imagePullSecrets[regcred]}
     * @param problems where what cannot be read is added
     */
    static List<RegistryCredential> read(byte[] content, boolean auths, String where, List<String> problems) {
        JsonNode config;
        try {
            config = JSON.readTree(new String(content, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            problems.add(where + " is not valid JSON (at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
            return List.of();
        } catch (IOException e) {
            problems.add(where + " cannot be read");
            return List.of();
        }
        JsonNode entries = auths && config != null ? config.get("auths") : config;
        if (entries == null || !entries.isObject()) {
            problems.add(where + (auths ? " has no \"auths\" object" : " is not a JSON object"));
            return List.of();
        }
        List<RegistryCredential> credentials = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = entries.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            credential(field.getKey(), field.getValue(), where + " registry " + field.getKey(), problems)
                    .ifPresent(credentials::add);
        }
        return credentials;
    }

    private static Optional<RegistryCredential> credential(String key, JsonNode entry, String where,
            List<String> problems) {
        if (!entry.isObject()) {
            problems.add(where + " is not a JSON object");
            return Optional.empty();
        }
        AuthConfig auth = new AuthConfig()
                .withUsername(text(entry, "username"))
                .withPassword(text(entry, "password"))
                .withIdentityToken(text(entry, "identitytoken"))
                .withRegistrytoken(text(entry, "registrytoken"))
                .withEmail(text(entry, "email"));
        String encoded = text(entry, "auth");
        if (encoded != null) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                problems.add(where + ": \"auth\" is not base64");
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                problems.add(where + ": \"auth\" is not base64 of user:password");
                return Optional.empty();
            }
            auth.withUsername(decoded.substring(0, colon)).withPassword(decoded.substring(colon + 1));
        }
        String rest = key.trim();
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            rest = rest.substring(scheme + 3);
        }
        int slash = rest.indexOf('/');
        String host = (slash < 0 ? rest : rest.substring(0, slash)).toLowerCase(Locale.ROOT);
        if (host.isEmpty()) {
            problems.add(where + ": the key names no registry");
            return Optional.empty();
        }
        boolean hub = ImageReference.DOCKER_HUB_NAMES.contains(host);
        // Docker Hub's key is its v1 endpoint (https://index.docker.io/v1/): its path names no repository.
        String path = hub || slash < 0 ? "" : trimSlashes(rest.substring(slash + 1));
        String registry = hub ? ImageReference.DOCKER_HUB : host;
        return Optional.of(new RegistryCredential(registry, path, auth.withRegistryAddress(key)));
    }

    private static String text(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        return value == null || !value.isTextual() || value.asText().isEmpty() ? null : value.asText();
    }

    private static String trimSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }
}
