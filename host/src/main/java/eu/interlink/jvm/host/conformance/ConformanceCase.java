package eu.interlink.jvm.host.conformance;

import java.time.Duration;

/**
 * One conformance case: a built-in manifest ({@code /conformance/<name>.yaml} on the classpath), how long its pod may
 * take, and what its run must show.
 *
 * @param name    the case's name, and its manifest's
 * @param summary what it checks, in a few words
 * @param timeout how long its pod may take from create to end
 * @param check   what its run must show; throws a {@link CaseFailure} saying what it showed instead
 */
record ConformanceCase(String name, String summary, Duration timeout, Check check) {

    /** What a case's run must show. */
    @FunctionalInterface
    interface Check {
        void verify(CaseRun run);
    }

    String manifestResource() {
        return "/conformance/" + name + ".yaml";
    }
}
