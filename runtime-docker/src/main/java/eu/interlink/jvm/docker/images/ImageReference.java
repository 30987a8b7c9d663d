package eu.interlink.jvm.docker.images;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An image reference, such as {@code registry:5000/team/app:1.2} or {@code busybox@sha256:...}, split as the pull API
 * wants it; a digest stays in the repository part.
 *
 * @param repository the reference without its tag; with its digest, if it has one
 * @param tag        the tag ({@code latest} when none is given), or null for a reference by digest
 */
public record ImageReference(String repository, String tag) {

    /** Docker Hub's registry name, the registry of an image whose name does not name one. */
    public static final String DOCKER_HUB = "docker.io";
    /** The names Docker Hub's registry goes by in image names and in docker config keys. */
    public static final Set<String> DOCKER_HUB_NAMES = Set.of(DOCKER_HUB, "index.docker.io", "registry-1.docker.io");

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-/:@]*");

    /** Whether the text has the shape of an image reference: what the engine would even try to find. */
    public static boolean isWellFormed(String text) {
        return text != null && WELL_FORMED.matcher(text).matches();
    }

    /** The reference in the text; a name without a tag means {@code :latest}, never every tag. */
    public static ImageReference parse(String image) {
        if (image.contains("@")) {
            return new ImageReference(image, null);
        }
        int colon = image.lastIndexOf(':');
        if (colon > image.lastIndexOf('/')) {
            return new ImageReference(image.substring(0, colon), image.substring(colon + 1));
        }
        return new ImageReference(image, "latest");
    }

    /**
     * The registry the image is pulled from, as Docker decides it: the first part of the name when it has a dot or a
     * port or is {@code localhost}, lower-case, else Docker Hub ({@link #DOCKER_HUB}, also for Docker Hub's other
     * names).
     */
    public String registry() {
        String host = host();
        return host == null || DOCKER_HUB_NAMES.contains(host) ? DOCKER_HUB : host;
    }

    /** The repository's path after its registry, without a digest: {@code team/app} for {@code host:5000/team/app}. */
    public String path() {
        String name = repository.contains("@") ? repository.substring(0, repository.indexOf('@')) : repository;
        return host() == null ? name : name.substring(name.indexOf('/') + 1);
    }

    /** The registry's host the name begins with, lower-case, or null when it names none. */
    private String host() {
        int slash = repository.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String first = repository.substring(0, slash);
        boolean host = first.contains(".") || first.contains(":") || first.equals("localhost");
        return host ? first.toLowerCase(Locale.ROOT) : null;
    }

    /** The reference with its tag or digest, naming one image only. */
    public String name() {
        return tag == null ? repository : repository + ":" + tag;
    }
}
