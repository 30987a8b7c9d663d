package eu.interlink.jvm.host.conformance;

import java.util.Objects;

/** The checks' assertions: each throws a {@link CaseFailure} that says what was found instead. */
final class Expect {

    private Expect() {
    }

    static void equal(Object actual, Object expected, String what) {
        if (!Objects.equals(actual, expected)) {
            throw new CaseFailure(what + " is " + quoted(actual) + ", expected " + quoted(expected));
        }
    }

    static void that(boolean condition, String failure) {
        if (!condition) {
            throw new CaseFailure(failure);
        }
    }

    private static String quoted(Object value) {
        return value instanceof String text ? "\"" + text.replace("\n", "\\n") + "\"" : String.valueOf(value);
    }
}
