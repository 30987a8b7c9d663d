package eu.interlink.jvm.docker.network;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads IP address literals strictly, never asking a name service: an IPv4 address in dotted-decimal form
 * ({@code 10.1.2.3}), or an IPv6 address without brackets or zone ({@code fd00::7}).
 */
public final class IpLiteral {

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9a-fA-F:.]+");

    private IpLiteral() {
    }

    /** The address the text names, or empty when it is no IP literal of these forms. */
    public static Optional<InetAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (IPV4.matcher(text).matches()) {
            return Optional.of(literal(text));
        }
        if (text.indexOf(':') < 0 || !IPV6_CHARACTERS.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            // In brackets, the JDK reads the text as an IPv6 literal or fails: it never looks the text up.
            return Optional.of(InetAddress.getByName("[" + text + "]"));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static InetAddress literal(String ipv4) {
        try {
            return InetAddress.getByName(ipv4);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a dotted-decimal literal was not read: " + ipv4, e);
        }
    }
}
