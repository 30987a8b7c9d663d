package eu.interlink.jvm.docker.images;

import java.util.regex.Pattern;

/**
 * An image reference, such as {@code registry:5000/team/app:1.2} or {@code busybox@sha256:...}, split as the pull API
 * wants it; a digest stays in the repository part.
 *
 * @param repository the reference without its tag; with its digest, if it has one
 * @param tag        the tag ({@code latest} when none is given), or null for a reference by digest
 */
public record ImageReference(String repository, String tag) {

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

    /** The reference with its tag or digest, naming one image only. */
    public String name() {
        return tag == null ? repository : repository + ":" + tag;
    }
}
