package eu.interlink.jvm.docker.sandbox;

import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.engine.Labels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Removes a sandbox and everything it had: its container (killed), its volume, its folder and the cgroups its inner
 * engine left. Finds them by the sandbox id, in labels and paths, so it also cleans up after a half-built sandbox.
 * Idempotent: removing what is gone succeeds.
 */
public final class SandboxRemover {

    private final Engine host;
    private final SandboxLayout layout;
    private final CgroupCleaner cgroups;

    public SandboxRemover(Engine host, SandboxLayout layout) {
        this.host = host;
        this.layout = layout;
        this.cgroups = new CgroupCleaner(Path.of("/sys/fs/cgroup"));
    }

    /**
     * Removes the sandbox at once, without stopping its containers gracefully.
     *
     * @throws RuntimeException when the engine fails to remove something; what could be removed is gone
     */
    public void remove(String id) {
        Map<String, String> mine = Map.of(Labels.SANDBOX_ID, id);
        List<Container> containers = host.call("list the containers of sandbox " + id,
                client -> client.listContainersCmd().withShowAll(true).withLabelFilter(mine).exec());
        for (Container container : containers) {
            ignoringAbsence(() -> host.call("remove sandbox container " + container.getId(),
                    client -> client.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec()));
        }
        List<InspectVolumeResponse> volumes = host.call("list the volumes of sandbox " + id,
                client -> client.listVolumesCmd().withFilter("label", List.of(Labels.filter(Labels.SANDBOX_ID, id)))
                        .exec().getVolumes());
        for (InspectVolumeResponse volume : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
            ignoringAbsence(() -> host.call("remove sandbox volume " + volume.getName(),
                    client -> client.removeVolumeCmd(volume.getName()).exec()));
        }
        deleteTree(layout.folder(id));
        cgroups.remove(layout.cgroupParent(id));
    }

    private static void ignoringAbsence(Runnable removal) {
        try {
            removal.run();
        } catch (NotFoundException e) {
            // Already gone, which is what removal wants.
        }
    }

    private static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(folder)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(path);
                } catch (NoSuchFileException e) {
                    // Removed meanwhile.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove sandbox folder " + folder, e);
        }
    }
}
