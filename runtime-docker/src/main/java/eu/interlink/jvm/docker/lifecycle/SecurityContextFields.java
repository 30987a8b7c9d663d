package eu.interlink.jvm.docker.lifecycle;

import io.fabric8.kubernetes.api.model.AppArmorProfile;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Sysctl;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The parts of security contexts this runtime cannot apply, each with why: SELinux options (the sandboxes' engines
 * label nothing), Windows options, seccomp and AppArmor profiles from the node's files ({@code Localhost}: the
 * sandbox has none), an unmasked {@code /proc}, the {@code Strict} supplemental groups policy, and sysctls other than
 * the IPC ones each container gets in its own namespace.
 *
 * <p>The rest is applied ({@link eu.interlink.jvm.docker.security.ContainerSecurity}); {@code fsGroupChangePolicy} and
 * {@code seLinuxChangePolicy} change nothing here, since volumes are written fresh for each pod and nothing is labelled.
 */
final class SecurityContextFields {

    private static final String LOCALHOST = "Localhost";
    private static final Set<String> IPC_SYSCTLS = Set.of("kernel.shm_rmid_forced", "kernel.shmmax", "kernel.shmall",
            "kernel.shmmni", "kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem");
    private static final String MQUEUE_SYSCTLS = "fs.mqueue.";

    private SecurityContextFields() {
    }

    /** The unsupported fields of the pod's {@code securityContext}. */
    static List<String> unsupported(PodSecurityContext context) {
        List<String> found = new ArrayList<>();
        if (context == null) {
            return found;
        }
        String at = "spec.securityContext";
        common(at, context.getSeLinuxOptions(), context.getWindowsOptions(), context.getSeccompProfile(),
                context.getAppArmorProfile(), found);
        if ("Strict".equals(context.getSupplementalGroupsPolicy())) {
            found.add(at + ".supplementalGroupsPolicy Strict (the image's own groups are always added)");
        }
        if (context.getSysctls() != null) {
            for (Sysctl sysctl : context.getSysctls()) {
                String name = sysctl.getName() == null ? "" : sysctl.getName();
                if (name.startsWith("net.")) {
                    found.add(at + ".sysctls[" + name + "] (the pod's network namespace is its sandbox's, made before"
                            + " the pod)");
                } else if (!IPC_SYSCTLS.contains(name) && !name.startsWith(MQUEUE_SYSCTLS)) {
                    found.add(at + ".sysctls[" + name + "] (only the IPC sysctls kernel.shm*, kernel.msg*, kernel.sem"
                            + " and fs.mqueue.* are set per container)");
                }
            }
        }
        return found;
    }

    /** The unsupported fields of a container's {@code securityContext}, named from {@code at}. */
    static List<String> unsupported(String at, SecurityContext context) {
        List<String> found = new ArrayList<>();
        if (context == null) {
            return found;
        }
        common(at, context.getSeLinuxOptions(), context.getWindowsOptions(), context.getSeccompProfile(),
                context.getAppArmorProfile(), found);
        if (context.getProcMount() != null && !"Default".equals(context.getProcMount())) {
            found.add(at + ".procMount " + context.getProcMount());
        }
        return found;
    }

    private static void common(String at, Object seLinuxOptions, Object windowsOptions, SeccompProfile seccomp,
            AppArmorProfile appArmor, List<String> found) {
        if (seLinuxOptions != null) {
            found.add(at + ".seLinuxOptions (the sandboxes' engines label nothing)");
        }
        if (windowsOptions != null) {
            found.add(at + ".windowsOptions (Linux containers only)");
        }
        if (seccomp != null && LOCALHOST.equals(seccomp.getType())) {
            found.add(at + ".seccompProfile Localhost (the sandboxes hold no profiles; RuntimeDefault and Unconfined"
                    + " are supported)");
        }
        if (appArmor != null && LOCALHOST.equals(appArmor.getType())) {
            found.add(at + ".appArmorProfile Localhost (the sandboxes hold no profiles; RuntimeDefault and Unconfined"
                    + " are supported)");
        }
    }
}
