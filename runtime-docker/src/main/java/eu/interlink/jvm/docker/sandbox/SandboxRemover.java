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
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Removes a sandbox and everything it had: its container (killed), its volume, its folder, the cgroups its inner
 * engine left, and last its claim ({@link SandboxClaims}), so that a pod's sandbox can be found through its claim for
 * as long as anything of it is left. Finds them by the sandbox id, in labels and paths, so it also cleans up after a
 * half-built sandbox; finds sandboxes by their labels. Idempotent: removing what is gone succeeds.
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
        Map<Boolean, List<Container>> containers = containersOf(id);
        for (Container container : containers.get(false)) {
            removeContainer(container);
        }
        for (InspectVolumeResponse volume : volumesLabelled(Map.of(Labels.SANDBOX_ID, id))) {
            ignoringAbsence(() -> host.call("remove sandbox volume " + volume.getName(),
                    client -> client.removeVolumeCmd(volume.getName()).exec()));
        }
        deleteTree(layout.folder(id));
        cgroups.remove(layout.cgroupParent(id));
        for (Container claim : containers.get(true)) {
            removeContainer(claim);
        }
    }

    /**
     * What is left of the sandbox, one entry per thing, such as {@code volume interlink-sandbox-3f2a...}, in the
     * order of removal; empty when nothing is. For a log line after a failed removal: it never throws.
     */
    public List<String> remains(String id) {
        List<String> remains = new ArrayList<>();
        boolean claimed = false;
        try {
            Map<Boolean, List<Container>> containers = containersOf(id);
            containers.get(false).forEach(container -> remains.add("container " + container.getId()));
            claimed = !containers.get(true).isEmpty();
            volumesLabelled(Map.of(Labels.SANDBOX_ID, id)).forEach(volume -> remains.add("volume " + volume.getName()));
        } catch (RuntimeException e) {
            remains.add("Docker objects that could not be listed (" + DockerMessages.oneLine(e) + ")");
        }
        if (Files.exists(layout.folder(id))) {
            remains.add("folder " + layout.folder(id));
        }
        if (claimed) {
            remains.add("claim " + layout.claimName(id));
        }
        return remains;
    }

    /** The ids of the sandboxes whose container or volume carries all these labels, whole or half-built. */
    public Set<String> sandboxesLabelled(Map<String, String> labels) {
        Set<String> ids = new LinkedHashSet<>();
        containersLabelled(labels).forEach(container -> ids.add(container.getLabels().get(Labels.SANDBOX_ID)));
        volumesLabelled(labels).forEach(volume -> ids.add(volume.getLabels().get(Labels.SANDBOX_ID)));
        ids.remove(null);
        return ids;
    }

    /** The sandbox's containers, its claim under {@code true}, the others under {@code false}. */
    private Map<Boolean, List<Container>> containersOf(String id) {
        return containersLabelled(Map.of(Labels.SANDBOX_ID, id)).stream().collect(Collectors.partitioningBy(
                container -> Labels.ROLE_POD_CLAIM.equals(container.getLabels().get(Labels.ROLE))));
    }

    private void removeContainer(Container container) {
        ignoringAbsence(() -> host.call("remove container " + container.getId(),
                client -> client.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec()));
    }

    private List<Container> containersLabelled(Map<String, String> labels) {
        return host.call("list the containers labelled " + labels, client -> client
                .listContainersCmd().withShowAll(true).withLabelFilter(labels).exec());
    }

    private List<InspectVolumeResponse> volumesLabelled(Map<String, String> labels) {
        List<String> filters = labels.entrySet().stream()
                .map(label -> Labels.filter(label.getKey(), label.getValue())).toList();
        List<InspectVolumeResponse> volumes = host.call("list the volumes labelled " + labels,
                client -> client.listVolumesCmd().withFilter("label", filters).exec().getVolumes());
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
