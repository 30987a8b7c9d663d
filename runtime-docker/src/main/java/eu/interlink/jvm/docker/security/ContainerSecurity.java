package eu.interlink.jvm.docker.security;

import io.fabric8.kubernetes.api.model.AppArmorProfile;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Sysctl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A container's security settings as the inner engine applies them, from the pod's {@code securityContext} and the
 * container's own, which overrides the pod's field by field, as in Kubernetes.
 *
 * @param runAsUser       the user id, or null for the image's user
 * @param runAsGroup      the primary group id, or null for the image's (or root's)
 * @param runAsNonRoot    whether the container must not run as root
 * @param groupAdd        the extra group ids: {@code fsGroup}, then {@code supplementalGroups}
 * @param readOnlyRootfs  {@code readOnlyRootFilesystem}
 * @param privileged      {@code privileged}
 * @param capAdd          {@code capabilities.add}, without the {@code CAP_} prefix
 * @param capDrop         {@code capabilities.drop}, without the {@code CAP_} prefix
 * @param securityOpts    Docker's {@code --security-opt} values: {@code no-new-privileges} for
 *                        {@code allowPrivilegeEscalation: false}, {@code seccomp=unconfined} and
 *                        {@code apparmor=unconfined} for {@code Unconfined} profiles
 * @param sysctls         the pod's {@code sysctls}
 */
public record ContainerSecurity(
        Long runAsUser,
        Long runAsGroup,
        boolean runAsNonRoot,
        List<String> groupAdd,
        boolean readOnlyRootfs,
        boolean privileged,
        List<String> capAdd,
        List<String> capDrop,
        List<String> securityOpts,
        Map<String, String> sysctls) {

    /** The profile type under which a container runs unconfined by seccomp or AppArmor. */
    static final String UNCONFINED = "Unconfined";

    /** What a container without any {@code securityContext} gets: the image's user and Docker's defaults. */
    public static final ContainerSecurity NONE = new ContainerSecurity(null, null, false, List.of(), false, false,
            List.of(), List.of(), List.of(), Map.of());

    public ContainerSecurity {
        groupAdd = List.copyOf(groupAdd);
        capAdd = List.copyOf(capAdd);
        capDrop = List.copyOf(capDrop);
        securityOpts = List.copyOf(securityOpts);
        sysctls = Map.copyOf(sysctls);
    }

    /** The settings of one of the pod's containers. */
    public static ContainerSecurity of(PodSpec spec, Container container) {
        PodSecurityContext pod = spec.getSecurityContext() == null ? new PodSecurityContext() : spec.getSecurityContext();
        SecurityContext own = container.getSecurityContext() == null ? new SecurityContext() : container.getSecurityContext();
        Set<String> groups = new LinkedHashSet<>();
        if (pod.getFsGroup() != null) {
            groups.add(String.valueOf(pod.getFsGroup()));
        }
        if (pod.getSupplementalGroups() != null) {
            pod.getSupplementalGroups().forEach(group -> groups.add(String.valueOf(group)));
        }
        List<String> securityOpts = new ArrayList<>();
        if (Boolean.FALSE.equals(own.getAllowPrivilegeEscalation())) {
            securityOpts.add("no-new-privileges");
        }
        SeccompProfile seccomp = own.getSeccompProfile() != null ? own.getSeccompProfile() : pod.getSeccompProfile();
        if (seccomp != null && UNCONFINED.equals(seccomp.getType())) {
            securityOpts.add("seccomp=unconfined");
        }
        AppArmorProfile appArmor = own.getAppArmorProfile() != null ? own.getAppArmorProfile() : pod.getAppArmorProfile();
        if (appArmor != null && UNCONFINED.equals(appArmor.getType())) {
            securityOpts.add("apparmor=unconfined");
        }
        Map<String, String> sysctls = new LinkedHashMap<>();
        if (pod.getSysctls() != null) {
            for (Sysctl sysctl : pod.getSysctls()) {
                sysctls.put(sysctl.getName(), Objects.requireNonNullElse(sysctl.getValue(), ""));
            }
        }
        var capabilities = own.getCapabilities();
        return new ContainerSecurity(
                own.getRunAsUser() != null ? own.getRunAsUser() : pod.getRunAsUser(),
                own.getRunAsGroup() != null ? own.getRunAsGroup() : pod.getRunAsGroup(),
                Boolean.TRUE.equals(own.getRunAsNonRoot() != null ? own.getRunAsNonRoot() : pod.getRunAsNonRoot()),
                List.copyOf(groups),
                Boolean.TRUE.equals(own.getReadOnlyRootFilesystem()),
                Boolean.TRUE.equals(own.getPrivileged()),
                capabilities == null ? List.of() : normalized(capabilities.getAdd()),
                capabilities == null ? List.of() : normalized(capabilities.getDrop()),
                securityOpts,
                sysctls);
    }

    /** Whether the image's user must be known to run the container: to check it is not root, or to keep it. */
    public boolean needsImageUser() {
        return runAsNonRoot || (runAsUser == null && runAsGroup != null);
    }

    /**
     * Docker's {@code User} for the container, or null to keep the image's.
     *
     * @param imageUser the image's {@code User} (such as {@code 1000}, {@code app:staff} or empty); null when
     *                  {@link #needsImageUser()} is false
     */
    public String dockerUser(String imageUser) {
        if (runAsUser == null && runAsGroup == null) {
            return null;
        }
        String user = runAsUser != null ? String.valueOf(runAsUser) : ImageUser.of(imageUser).name();
        return runAsGroup == null ? user : user + ":" + runAsGroup;
    }

    private static List<String> normalized(List<String> names) {
        return names == null ? List.of() : names.stream().map(Capabilities::normalized).distinct().toList();
    }
}
