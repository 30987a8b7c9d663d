package eu.interlink.jvm.docker.lifecycle;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Frame;
import eu.interlink.jvm.docker.engine.Cancellation;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.engine.EngineException;
import eu.interlink.jvm.docker.engine.StreamCallback;
import eu.interlink.jvm.docker.volumes.ResolvedMount;
import io.fabric8.kubernetes.api.model.Container;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' termination messages, as kubelet makes them: each run of a container has its own empty file in the
 * sandbox folder, mounted at its {@code terminationMessagePath} ({@code /dev/termination-log} by default), which
 * anyone in the container may write; once the run has ended, the file's last 4096 bytes are its message. Under
 * {@code terminationMessagePolicy: FallbackToLogsOnError}, a run that failed with an empty file has the end of its
 * log instead: of its last 80 lines, the first 2048 bytes.
 */
final class TerminationMessages {

    /** Kubelet's default {@code terminationMessagePath}. */
    static final String DEFAULT_PATH = "/dev/termination-log";

    private static final String FOLDER = "termination";
    private static final String FALLBACK_TO_LOGS = "FallbackToLogsOnError";
    private static final int MAX_MESSAGE_BYTES = 4096;
    private static final int MAX_LOG_LINES = 80;
    private static final int MAX_LOG_BYTES = 2048;
    private static final Duration LOG_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(TerminationMessages.class);

    private TerminationMessages() {
    }

    /**
     * Makes the empty termination file of the container's run and the mount that puts it at its
     * {@code terminationMessagePath}; the file of a run tried again is emptied.
     *
     * @param sandboxFolder the folder of the pod's sandbox, which its inner engine sees at the same path
     * @param restartCount  the run's number: 0 for the first run
     */
    static ResolvedMount prepare(Path sandboxFolder, Container container, int restartCount) throws IOException {
        Path file = fileOf(sandboxFolder, container, restartCount);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[0]);
        // The container's user is not known here: as kubelet, let any user write its message.
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        return new ResolvedMount(file.toString(), pathOf(container), false);
    }

    /** Removes the termination file of a run that is removed; one that is gone already is fine. */
    static void discard(Path sandboxFolder, Container container, int restartCount) throws IOException {
        Files.deleteIfExists(fileOf(sandboxFolder, container, restartCount));
    }

    /**
     * The message of the container's run that ended, or null when it has none.
     *
     * @param inner        the engine that ran it, for its log
     * @param cancellation stops the read of its log
     */
    static String read(Engine inner, Path sandboxFolder, Container container, int restartCount,
            ContainerSnapshot ended, Cancellation cancellation) {
        String written = lastBytes(fileOf(sandboxFolder, container, restartCount));
        if (written.isEmpty() && FALLBACK_TO_LOGS.equals(container.getTerminationMessagePolicy())
                && ended.exitStatus() != 0) {
            written = logTail(inner, ended.containerId(), cancellation);
        }
        return written.isEmpty() ? null : written;
    }

    /** The run's file; the container's name is a DNS-1123 label ({@link PodValidator}), so it stays in the folder. */
    private static Path fileOf(Path sandboxFolder, Container container, int restartCount) {
        return sandboxFolder.resolve(FOLDER).resolve(container.getName() + "_" + restartCount);
    }

    private static String pathOf(Container container) {
        String path = container.getTerminationMessagePath();
        return path == null || path.isBlank() ? DEFAULT_PATH : path;
    }

    private static String lastBytes(Path file) {
        try (RandomAccessFile content = new RandomAccessFile(file.toFile(), "r")) {
            long length = content.length();
            byte[] tail = new byte[(int) Math.min(length, MAX_MESSAGE_BYTES)];
            content.seek(length - tail.length);
            content.readFully(tail);
            return new String(tail, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The end of the container's log; empty when it cannot be read, as the run's end must be recorded anyway. */
    private static String logTail(Engine inner, String containerId, Cancellation cancellation) {
        try {
            return new String(readLogTail(inner, containerId, cancellation), StandardCharsets.UTF_8);
        } catch (DockerException | EngineException e) {
            LOG.info("The log of container {} could not be read for its termination message: {}", containerId,
                    DockerMessages.oneLine(e));
            return "";
        }
    }

    private static byte[] readLogTail(Engine inner, String containerId, Cancellation cancellation) {
        return inner.longCall("read the end of the log of " + containerId, LOG_TIMEOUT, cancellation,
                client -> {
                    LogTail tail = new LogTail();
                    try (tail) {
                        client.logContainerCmd(containerId).withStdOut(true).withStdErr(true)
                                .withTail(MAX_LOG_LINES).exec(tail).awaitCompletion();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (IOException e) {
                        // Closing the finished log stream failed: what was read is kept.
                    }
                    return tail.bytes();
                });
    }

    /** Keeps the first {@link #MAX_LOG_BYTES} bytes of a log. */
    private static final class LogTail extends StreamCallback<Frame> {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void onNext(Frame frame) {
            byte[] payload = frame.getPayload();
            bytes.write(payload, 0, Math.min(payload.length, MAX_LOG_BYTES - bytes.size()));
        }

        synchronized byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
