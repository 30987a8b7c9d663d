package eu.interlink.jvm.docker.probes;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Frame;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.EngineException;
import eu.interlink.jvm.docker.engine.StreamCallback;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command in the run's container through the inner engine's exec API, with the argv exactly as the spec gives
 * it (no shell is added), and succeeds when it exits with 0. The command's output, cut short, is the result's detail.
 * A command that outlives the timeout is abandoned, as kubelet abandons it: it may go on running in the container.
 *
 * <p>The exec's create and inspect are bounded calls; its output is a stream that lasts as long as the command, read
 * through the engine's streams client, as container waits are, and closed once the command ends or the timeout is up.
 */
final class ExecCheck implements Check {

    private static final int OUTPUT_LIMIT = 1024;

    private final CheckTarget target;
    private final List<String> command;

    ExecCheck(CheckTarget target, List<String> command) {
        this.target = target;
        this.command = List.copyOf(command);
    }

    @Override
    public CheckResult run(Duration timeout) {
        String what = "exec " + String.join(" ", command);
        try {
            String execId = target.engine().call("create exec in " + target.containerId(),
                    client -> client.execCreateCmd(target.containerId()).withCmd(command.toArray(String[]::new))
                            .withAttachStdout(true).withAttachStderr(true).exec().getId());
            Output output = target.engine().streams().execStartCmd(execId).exec(new Output());
            try {
                if (!output.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    return CheckResult.failed(what + " timed out after " + timeout.toSeconds() + " s");
                }
            } finally {
                output.closeQuietly();
            }
            Long exitCode = target.engine().call("inspect exec " + execId,
                    client -> client.inspectExecCmd(execId).exec().getExitCodeLong());
            String said = output.text();
            if (exitCode != null && exitCode == 0) {
                return CheckResult.passed(what + " succeeded" + (said.isEmpty() ? "" : ": " + said));
            }
            return CheckResult.failed(what + " exited with code " + exitCode + (said.isEmpty() ? "" : ": " + said));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.failed(what + " was interrupted");
        } catch (DockerException | EngineException e) {
            return CheckResult.failed(what + " could not run: " + DockerMessages.oneLine(e));
        }
    }

    /** The command's stdout and stderr together, up to a limit, on one line. */
    private static final class Output extends StreamCallback<Frame> {

        private final StringBuilder text = new StringBuilder();

        @Override
        public void onNext(Frame frame) {
            synchronized (this) {
                if (!isClosed() && text.length() < OUTPUT_LIMIT) {
                    text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }
        }

        synchronized String text() {
            String all = text.toString().strip().replaceAll("\\s*\\R\\s*", " / ");
            return all.length() > OUTPUT_LIMIT ? all.substring(0, OUTPUT_LIMIT) + "..." : all;
        }
    }
}
