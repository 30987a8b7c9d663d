package eu.interlink.jvm.host.run;

import java.time.Duration;
import java.util.Map;

/** A pod did not end within the time it was given; the message says what each container was doing. */
public final class RunTimeoutException extends RuntimeException {

    RunTimeoutException(Duration timeout, Map<String, String> lastLines) {
        super("the pod did not end within " + timeout.toSeconds() + " s; its containers: " + lastLines);
    }
}
