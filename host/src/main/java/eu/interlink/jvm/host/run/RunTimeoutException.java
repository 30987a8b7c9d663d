package eu.interlink.jvm.host.run;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A pod did not end within the time it was given; the message says what each container was doing, and why the
 * status could not be read when its last request failed.
 */
public final class RunTimeoutException extends RuntimeException {

    RunTimeoutException(Duration timeout, Map<String, String> lastLines, Optional<String> statusFailure) {
        super("the pod did not end within " + timeout.toSeconds() + " s; its containers: " + lastLines
                + statusFailure.map(failure -> "; the last status request failed: " + failure).orElse(""));
    }
}
