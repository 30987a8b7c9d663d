package eu.interlink.jvm.host.run;

import eu.interlink.jvm.api.wire.PodPhase;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;

/**
 * A pod run for a person at a console: tells it as it goes, deletes the pod at the end unless asked to keep it, and
 * deletes it when the process is stopped (Ctrl-C) before it ends. Answers with an exit status: the pod's
 * ({@link RunResult#exitCode()}), {@link #TIMED_OUT}, {@link #FAILED} or {@link #STOPPED}.
 */
public final class AttendedRun {

    /** The exit status when the pod did not end in time, as {@code timeout(1)}'s. */
    public static final int TIMED_OUT = 124;
    /** The exit status when the run itself failed (the pod was refused, the backend stopped answering), as {@code docker run}'s. */
    public static final int FAILED = 125;
    /** The exit status when the process was stopped, as a shell gives for Ctrl-C. */
    public static final int STOPPED = 130;

    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    /** How long the status may keep failing before the run gives up: a plugin restarting should be waited for. */
    private static final Duration STATUS_PATIENCE = Duration.ofMinutes(2);
    /** As good as none: a deadline this far away never comes. */
    private static final Duration NO_TIMEOUT = Duration.ofDays(36_500);
    /** Kubernetes' default grace period, for a pod that names none. */
    private static final long DEFAULT_GRACE_SECONDS = 30;
    /** How long a stopped process waits for the pod's delete beyond the pod's grace period. */
    private static final Duration STOP_MARGIN = Duration.ofSeconds(90);

    private final PodBackend backend;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean keep;

    /**
     * @param backend where the pod runs; closed at the end of the run
     * @param out     where the containers' logs go
     * @param err     where the progress and the outcome go
     * @param keep    whether to leave the pod once it has ended
     */
    public AttendedRun(PodBackend backend, PrintStream out, PrintStream err, boolean keep) {
        this.backend = backend;
        this.out = out;
        this.err = err;
        this.keep = keep;
    }

    /**
     * Runs the pod to its end.
     *
     * @param timeout how long the pod may take; empty for as long as it runs
     * @return the exit status
     */
    public int run(RetrievedPodData request, Optional<Duration> timeout) {
        ObjectMeta metadata = request.pod().getMetadata();
        String pod = "pod " + metadata.getNamespace() + "/" + metadata.getName();
        err.println("-> running " + pod + " (uid " + metadata.getUid() + ") on " + backend.description());
        if (timeout.isEmpty() && "Always".equals(request.pod().getSpec().getRestartPolicy())) {
            err.println("-> its restartPolicy is Always: it runs until Ctrl-C, or --timeout");
        }
        PodRun podRun = new PodRun(backend, new ConsoleListener(out, err), POLL_INTERVAL, STATUS_PATIENCE);
        boolean ended = false;
        int status;
        try (InterruptOnStop stop = InterruptOnStop.install(stopGrace(request.pod().getSpec()))) {
            try {
                RunResult result = podRun.run(request, timeout.orElse(NO_TIMEOUT));
                ended = true;
                err.println("-> " + pod + " " + outcome(result));
                status = result.exitCode();
            } catch (InterruptedException e) {
                status = STOPPED;
            } catch (RunTimeoutException e) {
                err.println("-> " + e.getMessage());
                status = TIMED_OUT;
            } catch (RuntimeException e) {
                status = stop.stopped() ? STOPPED : FAILED;
                if (status == FAILED) {
                    err.println("-> " + pod + " cannot run on " + backend.description() + ": " + e.getMessage());
                }
            }
            stop.disarm();
            if (status == STOPPED) {
                err.println("-> stopped");
            }
            finish(podRun, pod, keep && ended);
        }
        return status;
    }

    /** Deletes the pod unless it is kept, then closes the backend; tells each failure without throwing. */
    private void finish(PodRun podRun, String pod, boolean kept) {
        boolean deleted = false;
        try {
            if (kept) {
                err.println("-> kept " + pod + " on " + backend.description());
            } else {
                err.println("-> deleting " + pod);
                backend.delete(podRun.knownPod());
                deleted = true;
            }
        } catch (RuntimeException e) {
            err.println("-> cannot delete " + pod + ": " + e.getMessage());
        }
        try {
            backend.close();
            if (deleted) {
                err.println("-> deleted " + pod);
            }
        } catch (RuntimeException e) {
            err.println("-> " + e.getMessage());
        }
    }

    /** How long the delete may take: the pod's grace period, and some time for the removal's calls. */
    private static Duration stopGrace(PodSpec spec) {
        Long seconds = spec == null ? null : spec.getTerminationGracePeriodSeconds();
        return Duration.ofSeconds(seconds == null ? DEFAULT_GRACE_SECONDS : Math.max(0, seconds)).plus(STOP_MARGIN);
    }

    private static String outcome(RunResult result) {
        if (result.phase() == PodPhase.SUCCEEDED) {
            return "succeeded";
        }
        return result.failedContainer()
                .map(container -> "failed: container " + container.getName() + " exited with code "
                        + result.exitCode())
                .orElse("failed");
    }
}
