package eu.interlink.jvm.docker.security;

import java.util.OptionalLong;

/**
 * The user an image runs as, from its {@code User} ({@code uid}, {@code name}, {@code uid:gid} or empty for root).
 *
 * @param name the user part, {@code 0} when the image names none
 */
public record ImageUser(String name) {

    private static final String ROOT = "0";

    /** The user of an image's {@code User} setting; null or empty is root. */
    public static ImageUser of(String imageUser) {
        String user = imageUser == null ? "" : imageUser.strip();
        int colon = user.indexOf(':');
        String name = colon < 0 ? user : user.substring(0, colon);
        return new ImageUser(name.isEmpty() ? ROOT : name);
    }

    /** The numeric user id, or empty for a user name. */
    public OptionalLong uid() {
        try {
            return OptionalLong.of(Long.parseLong(name));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
