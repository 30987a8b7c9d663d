package eu.interlink.jvm.docker.sandbox;

import com.github.dockerjava.api.model.Frame;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.engine.StreamCallback;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Mounts file systems inside a running sandbox, in its own mount namespace, at a path of its folder: its inner
 * engine's containers then share what is mounted there, for as long as the sandbox lives, and the host's view of the
 * folder is unchanged (the folder's bind mount does not propagate back). Each mount is one {@code mount} run in the
 * sandbox with its arguments as separate argv entries, which no shell reads.
 */
public final class SandboxMounts {

    private final Engine host;
    private final SandboxLayout layout;

    public SandboxMounts(Engine host, SandboxLayout layout) {
        this.host = host;
        this.layout = layout;
    }

    /**
     * Mounts a tmpfs at the target, a folder under the sandbox's folder.
     *
     * @param options tmpfs's mount options, such as {@code size=8388608,mode=0777}
     * @throws SandboxException when the sandbox does not mount it
     */
    public void tmpfs(String sandboxId, Path target, String options) {
        if (!target.startsWith(layout.folder(sandboxId))) {
            throw new IllegalArgumentException(target + " is not in the folder of sandbox " + sandboxId);
        }
        String container = layout.containerName(sandboxId);
        String execId = host.call("create mount in sandbox " + sandboxId, client -> client.execCreateCmd(container)
                .withCmd("mount", "-t", "tmpfs", "-o", options, "tmpfs", target.toString())
                .withAttachStdout(true).withAttachStderr(true)
                .exec().getId());
        StringBuilder output = new StringBuilder();
        StreamCallback<Frame> collector = new StreamCallback<>() {
            @Override
            public synchronized void onNext(Frame frame) {
                if (!isClosed()) {
                    output.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }
        };
        try (collector) {
            if (!host.streams().execStartCmd(execId).exec(collector)
                    .awaitCompletion(host.callTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SandboxException("sandbox " + sandboxId + " did not mount " + target + " within "
                        + host.callTimeout().toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while sandbox " + sandboxId + " mounted " + target, e);
        } catch (IOException e) {
            throw new SandboxException("cannot mount " + target + " in sandbox " + sandboxId + ": "
                    + DockerMessages.oneLine(e), e);
        }
        Long exitCode = host.call("inspect mount in sandbox " + sandboxId,
                client -> client.inspectExecCmd(execId).exec().getExitCodeLong());
        if (exitCode == null || exitCode != 0) {
            throw new SandboxException("sandbox " + sandboxId + " could not mount a tmpfs at " + target + " (exit code "
                    + exitCode + "): " + output.toString().strip());
        }
    }
}
