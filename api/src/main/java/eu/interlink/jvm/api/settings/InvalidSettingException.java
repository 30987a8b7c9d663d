package eu.interlink.jvm.api.settings;

/**
 * A configuration value that does not fit its key. The message is one line: the key, the expected form and the
 * value found, such as {@code SidecarPort: expected an integer from 1 to 65535, got 'abc'}.
 */
public final class InvalidSettingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public InvalidSettingException(String key, String expected, String actual) {
        super(key + ": expected " + expected + ", got '" + actual + "'");
        this.key = key;
    }

    /** The key, with its section as a prefix ({@code Docker.DindSecurity}). */
    public String key() {
        return key;
    }
}
