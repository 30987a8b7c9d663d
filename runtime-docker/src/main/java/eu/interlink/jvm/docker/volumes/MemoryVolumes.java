package eu.interlink.jvm.docker.volumes;

import eu.interlink.jvm.docker.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes a pod's memory {@code emptyDir}s: one tmpfs volume of the sandbox's engine each, of the volume's
 * {@code sizeLimit}, open to every user (and given to the {@code fsGroup}, when there is one), which every container
 * that mounts it shares. They go with the sandbox.
 */
public final class MemoryVolumes {

    private static final String PREFIX = "pod-memory-";

    private MemoryVolumes() {
    }

    /** The name of the volume's tmpfs volume on the sandbox's engine. */
    static String nameOf(VolumeContent.MemoryDir volume) {
        return PREFIX + volume.name();
    }

    /**
     * Makes each memory {@code emptyDir} of the plan on the sandbox's engine; one made already (by an earlier try of
     * the same start) is kept, as Docker does.
     *
     * @param fsGroup the pod's {@code securityContext.fsGroup}, or null for none
     */
    public static void create(Engine inner, VolumePlan plan, Long fsGroup) {
        for (VolumeContent volume : plan.volumes()) {
            if (volume instanceof VolumeContent.MemoryDir memory) {
                List<String> options = new ArrayList<>(List.of(fsGroup == null ? "mode=0777" : "mode=2777"));
                if (memory.sizeBytes() != null) {
                    options.add("size=" + memory.sizeBytes());
                }
                if (fsGroup != null) {
                    options.add("gid=" + fsGroup);
                }
                inner.call("create memory volume " + memory.name(), client -> client.createVolumeCmd()
                        .withName(nameOf(memory))
                        .withDriver("local")
                        .withDriverOpts(Map.of("type", "tmpfs", "device", "tmpfs", "o", String.join(",", options)))
                        .exec());
            }
        }
    }
}
