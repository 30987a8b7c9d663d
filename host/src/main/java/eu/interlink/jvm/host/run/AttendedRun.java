package eu.interlink.jvm.host.run;

import eu.interlink.jvm.api.wire.PodPhase;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A pod run for a person at a console: tells it as it goes, deletes the pod at the end unless asked to keep it, and
 * deletes it when the process is stopped (Ctrl-C) before it ends. Answers with an exit status: the pod's
 * ({@link RunResult#exitCode()}), {@link #TIMED_OUT} or {@link #FAILED}.
 */
public final class AttendedRun {

    /** The exit status when the pod did not end in time, as {@code timeout(1)}'s. */
    public static final int TIMED_OUT = 124;
    /** The exit status when the run itself failed (the pod was refused, the backend stopped answering), as {@code docker run}'s. */
    public static final int FAILED = 125;

    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    /** Kubernetes' default grace period, for a pod that names none. */
    private static final long DEFAULT_GRACE_SECONDS = 30;
    /** How long a stopped process waits for the pod's delete beyond the pod's grace period. */
    private static final Duration STOP_MARGIN = Duration.ofSeconds(30);

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
     * @param timeout how long the pod may take
     * @return the exit status
     */
    public int run(RetrievedPodData request, Duration timeout) {
        ObjectMeta metadata = request.pod().getMetadata();
        String pod = "pod " + metadata.getNamespace() + "/" + metadata.getName();
        err.println("-> running " + pod + " (uid " + metadata.getUid() + ") on " + backend.description());
        CountDownLatch finished = new CountDownLatch(1);
        Thread runner = Thread.currentThread();
        Thread stopper = new Thread(() -> {
            runner.interrupt();
            try {
                finished.await(stopGrace(request).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "run-stopper");
        Runtime.getRuntime().addShutdownHook(stopper);
        boolean ended = false;
        try {
            RunResult result = new PodRun(backend, new ConsoleListener(out, err), POLL_INTERVAL).run(request, timeout);
            ended = true;
            err.println("-> " + pod + " " + outcome(result));
            return result.exitCode();
        } catch (InterruptedException e) {
            err.println("-> stopped");
            return 130;
        } catch (RunTimeoutException e) {
            err.println("-> " + e.getMessage());
            return TIMED_OUT;
        } catch (RuntimeException e) {
            err.println("-> " + pod + " cannot run on " + backend.description() + ": " + e.getMessage());
            return FAILED;
        } finally {
            Thread.interrupted();
            finish(request, pod, ended);
            finished.countDown();
            removeHook(stopper);
        }
    }

    private void finish(RetrievedPodData request, String pod, boolean ended) {
        try {
            if (keep && ended) {
                err.println("-> kept " + pod + " on " + backend.description());
            } else {
                err.println("-> deleting " + pod);
                backend.delete(request.pod());
                err.println("-> deleted " + pod);
            }
        } catch (RuntimeException e) {
            err.println("-> cannot delete " + pod + ": " + e.getMessage());
        } finally {
            backend.close();
        }
    }

    /** How long the delete may take: the pod's grace period, and some time for the removal's calls. */
    private static Duration stopGrace(RetrievedPodData request) {
        Long seconds = request.pod().getSpec() == null ? null
                : request.pod().getSpec().getTerminationGracePeriodSeconds();
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

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The process is already stopping: the hook has run, or is running and waits for this run's end.
        }
    }
}
