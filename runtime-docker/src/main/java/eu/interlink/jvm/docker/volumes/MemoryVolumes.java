package eu.interlink.jvm.docker.volumes;

import eu.interlink.jvm.docker.sandbox.Sandbox;
import eu.interlink.jvm.docker.sandbox.SandboxMounts;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a pod's memory {@code emptyDir}s, as kubelet does: a tmpfs of the volume's {@code sizeLimit} mounted on the
 * volume's folder, open to every user (and given to the {@code fsGroup}, when there is one). It is mounted inside the
 * sandbox, so that every container of the pod shares it for as long as the pod lives, and it goes with the sandbox.
 */
public final class MemoryVolumes {

    private final SandboxMounts mounts;

    public MemoryVolumes(SandboxMounts mounts) {
        this.mounts = mounts;
    }

    /**
     * Mounts each memory {@code emptyDir} of the plan on its folder, once the writer has made it.
     *
     * @param fsGroup the pod's {@code securityContext.fsGroup}, or null for none
     * @throws eu.interlink.jvm.docker.sandbox.SandboxException when the sandbox does not mount one
     */
    public void mount(Sandbox sandbox, VolumeWriter writer, VolumePlan plan, Long fsGroup) {
        for (VolumeContent volume : plan.volumes()) {
            if (volume instanceof VolumeContent.MemoryDir memory) {
                mounts.tmpfs(sandbox.id(), writer.folderOf(memory.name()), options(memory, fsGroup));
            }
        }
    }

    static String options(VolumeContent.MemoryDir memory, Long fsGroup) {
        List<String> options = new ArrayList<>(List.of(fsGroup == null ? "mode=0777" : "mode=2777"));
        if (memory.sizeBytes() != null) {
            options.add("size=" + memory.sizeBytes());
        }
        if (fsGroup != null) {
            options.add("gid=" + fsGroup);
        }
        return String.join(",", options);
    }
}
