package eu.interlink.jvm.docker.network;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.Optional;

/**
 * A block of IP addresses in CIDR notation, such as {@code 172.30.0.0/16} or {@code fd00:1::/64}.
 *
 * @param base         the first address of the block, as written
 * @param prefixLength how many leading bits every address of the block shares with {@code base}
 */
public record Subnet(InetAddress base, int prefixLength) {

    /** The block the CIDR text names, or empty when the text is not CIDR notation. */
    public static Optional<Subnet> parse(String cidr) {
        int slash = cidr == null ? -1 : cidr.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        Optional<InetAddress> base = IpLiteral.parse(cidr.substring(0, slash));
        int prefix;
        try {
            prefix = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return base.filter(address -> prefix >= 0 && prefix <= address.getAddress().length * 8)
                .map(address -> new Subnet(address, prefix));
    }

    /** Whether the address is in the block; an address of the other IP version never is. */
    public boolean contains(InetAddress address) {
        byte[] block = base.getAddress();
        byte[] candidate = address.getAddress();
        if (block.length != candidate.length) {
            return false;
        }
        int bits = block.length * 8;
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(bits - prefixLength).subtract(BigInteger.ONE));
        return new BigInteger(1, block).and(mask).equals(new BigInteger(1, candidate).and(mask));
    }

    @Override
    public String toString() {
        return base.getHostAddress() + "/" + prefixLength;
    }
}
