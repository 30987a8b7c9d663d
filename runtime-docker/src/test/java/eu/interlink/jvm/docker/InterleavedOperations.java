package eu.interlink.jvm.docker;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes calls on a runtime at once, each from a thread of its own after its delay, and collects what each got. Every
 * call must return within {@link #CALL_LIMIT_SECONDS}: the runtime promises bounded calls, whatever runs beside them.
 */
final class InterleavedOperations {

    static final long CALL_LIMIT_SECONDS = 60;

    private InterleavedOperations() {
    }

    /** Runs the operations at once and returns their outcomes, in the operations' order. */
    static List<OperationOutcome> runAtOnce(RuntimeFixture fixture, List<PodOperation> operations)
            throws InterruptedException {
        ScheduledThreadPoolExecutor threads = new ScheduledThreadPoolExecutor(operations.size());
        threads.prestartAllCoreThreads();
        try {
            List<Future<OperationOutcome>> running = new ArrayList<>();
            for (PodOperation operation : operations) {
                running.add(threads.schedule(() -> outcome(fixture, operation), operation.delay().toMillis(),
                        TimeUnit.MILLISECONDS));
            }
            List<OperationOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < operations.size(); i++) {
                try {
                    outcomes.add(running.get(i).get(CALL_LIMIT_SECONDS, TimeUnit.SECONDS));
                } catch (TimeoutException e) {
                    fail(operations.get(i) + " did not return within " + CALL_LIMIT_SECONDS + " s");
                } catch (ExecutionException e) {
                    throw new AssertionError(operations.get(i) + " failed", e.getCause());
                }
            }
            return outcomes;
        } finally {
            threads.shutdownNow();
        }
    }

    private static OperationOutcome outcome(RuntimeFixture fixture, PodOperation operation) {
        try {
            return new OperationOutcome(operation, operation.apply(fixture), null);
        } catch (Exception e) {
            return new OperationOutcome(operation, null, e);
        }
    }
}
