package eu.interlink.jvm.docker.sandbox;

import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.engine.Labels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Removes a sandbox and everything it had: its container (killed), its volume, its folder and the cgroups its inner
 * engine left. Finds them by the sandbox id, in labels and paths, so it also cleans up after a half-built sandbox;
 * finds a pod's sandboxes by the pod's UID label. Idempotent: removing what is gone succeeds.
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
        for (Container container : containersLabelled(Labels.SANDBOX_ID, id)) {
            ignoringAbsence(() -> host.call("remove sandbox container " + container.getId(),
                    client -> client.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec()));
        }
        for (InspectVolumeResponse volume : volumesLabelled(Labels.SANDBOX_ID, id)) {
            ignoringAbsence(() -> host.call("remove sandbox volume " + volume.getName(),
                    client -> client.removeVolumeCmd(volume.getName()).exec()));
        }
        deleteTree(layout.folder(id));
        cgroups.remove(layout.cgroupParent(id));
    }

    /**
     * What is left of the sandbox, one entry per thing, such as {@code volume interlink-sandbox-3f2a...}; empty when
     * nothing is. For a log line after a failed removal: it never throws.
     */
    public List<String> remains(String id) {
        List<String> remains = new ArrayList<>();
        try {
            containersLabelled(Labels.SANDBOX_ID, id).forEach(container -> remains.add("container " + container.getId()));
            volumesLabelled(Labels.SANDBOX_ID, id).forEach(volume -> remains.add("volume " + volume.getName()));
        } catch (RuntimeException e) {
            remains.add("Docker objects that could not be listed (" + DockerMessages.oneLine(e) + ")");
        }
        if (Files.exists(layout.folder(id))) {
            remains.add("folder " + layout.folder(id));
        }
        return remains;
    }

    /** The ids of the sandboxes labelled with a pod's UID, whole or half-built, for a pod the runtime does not know. */
    public Set<String> sandboxesOf(String podUid) {
        Set<String> ids = new LinkedHashSet<>();
        containersLabelled(Labels.POD_UID, podUid).forEach(container -> ids.add(container.getLabels().get(Labels.SANDBOX_ID)));
        volumesLabelled(Labels.POD_UID, podUid).forEach(volume -> ids.add(volume.getLabels().get(Labels.SANDBOX_ID)));
        ids.remove(null);
        return ids;
    }

    private List<Container> containersLabelled(String key, String value) {
        return host.call("list the containers labelled " + Labels.filter(key, value), client -> client
                .listContainersCmd().withShowAll(true).withLabelFilter(Map.of(key, value)).exec());
    }

    private List<InspectVolumeResponse> volumesLabelled(String key, String value) {
        List<InspectVolumeResponse> volumes = host.call("list the volumes labelled " + Labels.filter(key, value),
                client -> client.listVolumesCmd().withFilter("label", List.of(Labels.filter(key, value))).exec()
                        .getVolumes());
        return volumes == null ? List.of() : volumes;
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
