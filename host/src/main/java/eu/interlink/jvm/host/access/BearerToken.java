package eu.interlink.jvm.host.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/** The token every request must present as {@code Authorization: Bearer <token>}; never printed. */
public final class BearerToken {

    private static final String SCHEME = "Bearer ";

    private final byte[] token;

    /** @param token the token, not blank */
    public BearerToken(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("a blank token");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Whether an {@code Authorization} header value carries this token. The comparison takes the same time
     * wherever the first difference lies.
     *
     * @param authorization the header's value; null when there is none
     */
    public boolean admits(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        byte[] presented = authorization.substring(SCHEME.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(token, presented);
    }

    @Override
    public String toString() {
        return "BearerToken[redacted]";
    }
}
