package eu.interlink.jvm.docker.sandbox;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registries of the sandboxes' inner engines: the mirrors they pull Docker Hub images through
 * ({@code Docker.RegistryMirrors}) and the registries they reach without verifying TLS
 * ({@code Docker.InsecureRegistries}). Each value becomes one argument of the inner {@code dockerd}, never part of a
 * shell line, and only values of the forms {@code dockerd} itself accepts get here: a value it refused would stop
 * every sandbox's inner engine.
 *
 * @param mirrors            registry mirror URLs, each one {@link #isMirror} accepts
 * @param insecureRegistries hosts, {@code host:port} pairs or CIDR ranges, each one {@link #isInsecureRegistry}
 *                           accepts
 */
public record RegistryFlags(List<String> mirrors, List<String> insecureRegistries) {

    private static final int MAX_PORT = 65_535;
    private static final String LABEL = "[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?";
    private static final String PORT = "(?::(\\d{1,5}))?";
    /** A DNS name or an IPv4 address, with an optional port. */
    private static final Pattern HOST_PORT = Pattern.compile(LABEL + "(?:\\." + LABEL + ")*" + PORT);
    /** An IPv6 address in brackets, which {@code dockerd} takes only with a port. */
    private static final Pattern BRACKETED_IPV6_PORT = Pattern.compile("\\[([0-9a-fA-F:.]+)]:(\\d{1,5})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:][0-9a-fA-F:.]*");
    private static final Pattern CIDR = Pattern.compile("([0-9a-fA-F:.]+)/(\\d{1,3})");
    private static final Pattern IPV4 =
            Pattern.compile("(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern CREDENTIALS = Pattern.compile("(?<=://)[^/@]*@");

    /** @throws IllegalArgumentException when a value does not have its form */
    public RegistryFlags {
        mirrors = List.copyOf(mirrors);
        insecureRegistries = List.copyOf(insecureRegistries);
        for (String mirror : mirrors) {
            if (!isMirror(mirror)) {
                throw new IllegalArgumentException("not a registry mirror URL: " + withoutCredentials(mirror));
            }
        }
        for (String registry : insecureRegistries) {
            if (!isInsecureRegistry(registry)) {
                throw new IllegalArgumentException("not a host, host:port or CIDR range: " + registry);
            }
        }
    }

    /**
     * The arguments for the inner {@code dockerd}: one {@code --registry-mirror=<url>} per mirror, then one
     * {@code --insecure-registry=<value>} per insecure registry, in the configured order.
     */
    public List<String> dockerdArguments() {
        List<String> arguments = new ArrayList<>(mirrors.size() + insecureRegistries.size());
        mirrors.forEach(mirror -> arguments.add("--registry-mirror=" + mirror));
        insecureRegistries.forEach(registry -> arguments.add("--insecure-registry=" + registry));
        return List.copyOf(arguments);
    }

    /**
     * Whether the text is a registry mirror as {@code dockerd} takes one: an absolute {@code http} or {@code https}
     * URL with a host, an optional port, and no credentials, path (but {@code /}), query or fragment.
     */
    public static boolean isMirror(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return false;
        }
        return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                && uri.getHost() != null
                && uri.getPort() <= MAX_PORT
                && uri.getRawUserInfo() == null
                && (uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                && uri.getRawQuery() == null
                && uri.getRawFragment() == null;
    }

    /**
     * Whether the text is an insecure registry as {@code dockerd} takes one, without a scheme or a path: a host name
     * or an IPv4 address with an optional port ({@code registry.internal:5000}), an IPv6 address alone or in brackets
     * with a port ({@code [fd00::5]:5000}), or a CIDR range ({@code 10.0.0.0/8}, {@code fd00::/8}).
     */
    public static boolean isInsecureRegistry(String text) {
        Matcher hostPort = HOST_PORT.matcher(text);
        if (hostPort.matches()) {
            return isPort(hostPort.group(1));
        }
        Matcher bracketed = BRACKETED_IPV6_PORT.matcher(text);
        if (bracketed.matches()) {
            return isIpv6(bracketed.group(1)) && isPort(bracketed.group(2));
        }
        Matcher cidr = CIDR.matcher(text);
        if (cidr.matches()) {
            int prefix = Integer.parseInt(cidr.group(2));
            return IPV4.matcher(cidr.group(1)).matches() ? prefix <= 32 : isIpv6(cidr.group(1)) && prefix <= 128;
        }
        return isIpv6(text);
    }

    /** The text with the credentials of a URL, if it has any, hidden: for messages about a mirror. */
    public static String withoutCredentials(String text) {
        return CREDENTIALS.matcher(text).replaceFirst("***@");
    }

    private static boolean isPort(String digits) {
        if (digits == null) {
            return true;
        }
        int port = Integer.parseInt(digits);
        return port >= 1 && port <= MAX_PORT;
    }

    /** Whether the text is an IPv6 address; parsed as a URL's host, which never asks a name server. */
    private static boolean isIpv6(String text) {
        if (!IPV6.matcher(text).matches() || text.indexOf(':') < 0) {
            return false;
        }
        try {
            return new URI("http://[" + text + "]").getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
