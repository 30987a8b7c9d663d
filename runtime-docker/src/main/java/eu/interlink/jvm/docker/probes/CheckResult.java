package eu.interlink.jvm.docker.probes;

/**
 * How one run of a probe's or a hook's action went.
 *
 * @param success whether it succeeded
 * @param detail  what it did or why it failed, on one line, for a status message
 */
public record CheckResult(boolean success, String detail) {

    static CheckResult passed(String detail) {
        return new CheckResult(true, detail);
    }

    static CheckResult failed(String detail) {
        return new CheckResult(false, detail);
    }
}
