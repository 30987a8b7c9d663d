package eu.interlink.jvm.host.access;

import eu.interlink.jvm.api.settings.PluginSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

/**
 * A file named by a setting that holds a secret: a token, a password, a private key.
 *
 * <p>It must be a readable regular file that others cannot read. Group-readable is allowed: sharing a secret with a
 * group (the plugin and a proxy that injects the token, say) is the operator's explicit grant, as Kubernetes does
 * with {@code fsGroup}; world-readable means anyone on the machine has it, so the start stops. Every error is one
 * line naming the key and the path, never the content.
 */
public final class SecretFile {

    private final PluginSettings section;
    private final String key;
    private final Path path;

    /**
     * @param section the settings section the key belongs to, for the error's key name
     * @param key     the key that names the file
     * @param path    the file
     */
    public SecretFile(PluginSettings section, String key, Path path) {
        this.section = section;
        this.key = key;
        this.path = path;
    }

    /** Checks the file, and returns its path. */
    public Path checked() {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw refused("(no readable regular file there)");
        }
        try {
            if (Files.getPosixFilePermissions(path).contains(PosixFilePermission.OTHERS_READ)) {
                throw refused("(readable by every user: chmod o-r, or 600)");
            }
        } catch (IOException e) {
            throw refused("(" + e.getMessage() + ")");
        }
        return path;
    }

    /** Checks the file and returns its content as UTF-8 text, without surrounding white space; never empty. */
    public String text() {
        String text;
        try {
            text = Files.readString(checked(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw refused("(" + e.getMessage() + ")");
        }
        if (text.isEmpty()) {
            throw refused("(the file is empty)");
        }
        return text;
    }

    private RuntimeException refused(String why) {
        return section.invalid(key, "a readable file that other users cannot read, holding the secret", path + " " + why);
    }
}
