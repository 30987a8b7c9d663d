package eu.interlink.jvm.host.manifest;

/**
 * A manifest that cannot be run; the message, one line, names the file, the document (counted from 1) and what is
 * wrong.
 */
public final class ManifestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ManifestException(String message) {
        super(message);
    }

    ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
