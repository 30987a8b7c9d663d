package eu.interlink.jvm.docker.recovery;

import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.Labels;
import eu.interlink.jvm.docker.sandbox.SandboxLayout;
import eu.interlink.jvm.docker.sandbox.SandboxRemover;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what earlier runtimes with the same {@code DataRootFolder} left and no pod owns: pool sandboxes (the pool
 * builds new ones rather than trust ones it did not see built), half-built sandboxes, the sandboxes of pods the
 * journal does not hold (their claims say which pod they served), and stray sandbox volumes and folders. Found by
 * their labels ({@code DataRootFolder}) and by the folders under {@code <DataRootFolder>/sandboxes}, so another
 * runtime's are never touched.
 */
public final class Leftovers {

    private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

    private final SandboxLayout layout;
    private final SandboxRemover remover;
    private final Supplier<Set<String>> owned;

    /**
     * @param owned the sandboxes in use, asked after the others were found: those of known pods, whether being taken
     *              over, started or removed
     */
    public Leftovers(SandboxLayout layout, SandboxRemover remover, Supplier<Set<String>> owned) {
        this.layout = layout;
        this.remover = remover;
        this.owned = owned;
    }

    /** Removes them, one by one; logs what it removed, and what it could not, instead of throwing. */
    public void remove() {
        Set<String> found;
        try {
            found = remover.sandboxesLabelled(Map.of(Labels.DATA_ROOT, layout.dataRootFolder().toString()));
            found.addAll(folders());
            found.removeAll(owned.get());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not look for the sandboxes an earlier run left: {}", DockerMessages.oneLine(e));
            return;
        }
        for (String id : found) {
            try {
                remover.remove(id);
                LOG.info("Removed sandbox {}, which an earlier run left and no pod owns", id);
            } catch (RuntimeException e) {
                LOG.warn("Could not remove sandbox {}, which an earlier run left: {}", id, DockerMessages.oneLine(e));
            }
        }
    }

    private Set<String> folders() throws IOException {
        Path sandboxes = layout.sandboxesFolder();
        Set<String> ids = new HashSet<>();
        if (!Files.isDirectory(sandboxes)) {
            return ids;
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(sandboxes, Files::isDirectory)) {
            folders.forEach(folder -> ids.add(folder.getFileName().toString()));
        }
        return ids;
    }
}
