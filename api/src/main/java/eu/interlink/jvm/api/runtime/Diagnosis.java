package eu.interlink.jvm.api.runtime;

import java.util.Objects;

/**
 * One line of a setup check, as {@code doctor} prints it: what was checked, how it went, what was found and, when it
 * did not go well, how to fix it.
 *
 * @param name    what was checked, such as {@code Docker engine}; never blank
 * @param outcome how it went
 * @param detail  what was found, in one line; never null
 * @param fix     how to fix it, in one line; empty when the outcome is {@link Outcome#OK}
 */
public record Diagnosis(String name, Outcome outcome, String detail, String fix) {

    /** How a check went. */
    public enum Outcome {
        /** Works. */
        OK,
        /** Works, with a caveat worth knowing. */
        WARN,
        /** Does not work: the plugin will not serve pods as configured. */
        FAIL
    }

    public Diagnosis {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(fix, "fix");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a diagnosis needs a name");
        }
    }

    /** A check that passed. */
    public static Diagnosis ok(String name, String detail) {
        return new Diagnosis(name, Outcome.OK, detail, "");
    }

    /** A check that passed with a caveat, and what to do about it. */
    public static Diagnosis warn(String name, String detail, String fix) {
        return new Diagnosis(name, Outcome.WARN, detail, fix);
    }

    /** A check that failed, and how to fix it. */
    public static Diagnosis fail(String name, String detail, String fix) {
        return new Diagnosis(name, Outcome.FAIL, detail, fix);
    }
}
