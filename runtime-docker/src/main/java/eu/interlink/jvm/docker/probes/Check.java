package eu.interlink.jvm.docker.probes;

import java.time.Duration;

/** The action of a probe or a lifecycle hook, against one run of a container: exec, httpGet, tcpSocket or sleep. */
@FunctionalInterface
public interface Check {

    /**
     * Runs the action once, within {@code timeout}; never throws: a failure, a timeout and an interrupt (after which
     * the interrupt flag is set again) are failed results.
     */
    CheckResult run(Duration timeout);
}
