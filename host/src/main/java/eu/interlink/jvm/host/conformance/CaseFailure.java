package eu.interlink.jvm.host.conformance;

/** A conformance case's run did not show what the case expects; the message says what it showed instead. */
public final class CaseFailure extends RuntimeException {

    CaseFailure(String message) {
        super(message);
    }
}
