package eu.interlink.jvm.docker.spec;

import java.util.regex.Pattern;

/**
 * Kubernetes' DNS-1123 label, the form of container and volume names: at most 63 lower-case letters, digits and
 * {@code -}, starting and ending with a letter or digit; and the DNS-1123 subdomain of pod names. Such a name is safe
 * as a file name and a Docker name part.
 */
public final class DnsLabel {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final int SUBDOMAIN_LENGTH = 253;

    private DnsLabel() {
    }

    /** Whether the text is a DNS-1123 label. */
    public static boolean isValid(String text) {
        return text != null && LABEL.matcher(text).matches();
    }

    /** Whether the text is a DNS-1123 subdomain, the form of pod names: labels joined by dots, at most 253 long. */
    public static boolean isValidSubdomain(String text) {
        return text != null && text.length() <= SUBDOMAIN_LENGTH && SUBDOMAIN.matcher(text).matches();
    }
}
