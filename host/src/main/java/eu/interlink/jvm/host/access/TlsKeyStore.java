package eu.interlink.jvm.host.access;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The PKCS12 key store that holds the TCP listener's certificate and private key.
 *
 * @param file     the PKCS12 file
 * @param password its password, for the store and the key; never printed
 */
public record TlsKeyStore(Path file, String password) {

    public TlsKeyStore {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "TlsKeyStore[file=" + file + ", password=redacted]";
    }
}
