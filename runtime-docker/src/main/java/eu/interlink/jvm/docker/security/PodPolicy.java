package eu.interlink.jvm.docker.security;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the operator lets pods have that reaches beyond their sandbox: privileged containers, capabilities beyond the
 * default set, and host paths. Everything is refused by default.
 *
 * @param allowPrivilegedPods whether a container may be {@code privileged} ({@code Docker.AllowPrivilegedPods})
 * @param allowedCapabilities the capabilities a container may add beyond the default set, without {@code CAP_};
 *                            {@code ALL} allows any ({@code Docker.AllowedCapabilities})
 * @param allowHostPath       whether a pod may have {@code hostPath} volumes ({@code Docker.AllowHostPath})
 * @param hostPathPrefixes    the absolute folders host paths must lie in; empty for anywhere
 *                            ({@code Docker.HostPathPrefixes})
 * @param dataRootFolder      the folder of the sandboxes ({@code DataRootFolder}), which no host path may reach
 * @param engineSocket        the unix socket of the host's engine, which no host path may be or hold; null when the
 *                            host's engine is not reached through one
 */
public record PodPolicy(boolean allowPrivilegedPods, Set<String> allowedCapabilities, boolean allowHostPath,
        List<Path> hostPathPrefixes, Path dataRootFolder, Path engineSocket) {

    /**
     * Paths of the sandbox's own that a host path, mounted into it at the same path, must not cover: the inner
     * engine's data, and what the sandbox's system needs.
     */
    private static final List<Path> SANDBOX_PATHS = Stream.of("/var/lib/docker", "/proc", "/sys", "/dev", "/run",
            "/etc", "/usr", "/bin", "/sbin", "/lib").map(Path::of).toList();
    /** Of those, the ones whose inside the sandbox owns too. */
    private static final List<Path> SANDBOX_TREES = Stream.of("/var/lib/docker", "/proc", "/sys").map(Path::of).toList();

    public PodPolicy {
        allowedCapabilities = allowedCapabilities.stream().map(Capabilities::normalized).collect(Collectors.toSet());
        hostPathPrefixes = List.copyOf(hostPathPrefixes);
    }

    /** The policy, with the host engine's socket that docker-java's configuration names ({@link EngineSocket}). */
    public PodPolicy(boolean allowPrivilegedPods, Set<String> allowedCapabilities, boolean allowHostPath,
            List<Path> hostPathPrefixes, Path dataRootFolder) {
        this(allowPrivilegedPods, allowedCapabilities, allowHostPath, hostPathPrefixes, dataRootFolder,
                EngineSocket.ofHostEngine());
    }

    /** Each field of the spec the policy refuses, with the setting that would allow it; empty when none is. */
    public List<String> refusals(PodSpec spec) {
        List<String> refusals = new ArrayList<>();
        containers("spec.initContainers", spec.getInitContainers(), refusals);
        containers("spec.containers", spec.getContainers(), refusals);
        if (spec.getVolumes() != null) {
            spec.getVolumes().stream().filter(volume -> volume.getHostPath() != null)
                    .forEach(volume -> hostPath(volume, refusals));
        }
        return refusals;
    }

    private void containers(String field, List<Container> containers, List<String> refusals) {
        if (containers == null) {
            return;
        }
        for (Container container : containers) {
            var context = container.getSecurityContext();
            if (context == null) {
                continue;
            }
            String at = field + "[" + container.getName() + "].securityContext";
            if (Boolean.TRUE.equals(context.getPrivileged()) && !allowPrivilegedPods) {
                refusals.add(at + ".privileged: refused: the operator's Docker.AllowPrivilegedPods is false");
            }
            List<String> added = context.getCapabilities() == null || context.getCapabilities().getAdd() == null
                    ? List.of() : context.getCapabilities().getAdd();
            for (String capability : added) {
                String name = Capabilities.normalized(capability);
                if (!Capabilities.isWellFormed(name)) {
                    refusals.add(at + ".capabilities.add[" + capability + "]: not a Linux capability");
                } else if (!Capabilities.DEFAULTS.contains(name) && !allowedCapabilities.contains(name)
                        && !allowedCapabilities.contains(Capabilities.ALL)) {
                    refusals.add(at + ".capabilities.add[" + capability + "]: refused: the operator's"
                            + " Docker.AllowedCapabilities does not list " + name);
                }
            }
            List<String> dropped = context.getCapabilities() == null || context.getCapabilities().getDrop() == null
                    ? List.of() : context.getCapabilities().getDrop();
            dropped.stream().filter(capability -> !Capabilities.isWellFormed(capability))
                    .forEach(capability -> refusals.add(at + ".capabilities.drop[" + capability
                            + "]: not a Linux capability"));
        }
    }

    private void hostPath(Volume volume, List<String> refusals) {
        String at = "spec.volumes[" + volume.getName() + "].hostPath";
        if (!allowHostPath) {
            refusals.add(at + ": refused: the operator's Docker.AllowHostPath is false");
            return;
        }
        Path path = HostPaths.parse(volume.getHostPath().getPath()).orElse(null);
        if (path == null) {
            refusals.add(at + ".path: expected an absolute path without '..', got '" + volume.getHostPath().getPath()
                    + "'");
            return;
        }
        hostPathRefusals(path).forEach(refusal -> refusals.add(at + ".path: " + refusal));
    }

    /**
     * Why a host path may not be mounted into a sandbox, each reason naming what forbids it; empty when it may. The
     * start asks again of where the path leads once its links are followed; the operator's folders and the engine's
     * socket are compared both as written and as their own links lead. The socket is named only when nothing else
     * refuses the path.
     */
    public List<String> hostPathRefusals(Path path) {
        List<String> refusals = new ArrayList<>();
        if (!hostPathPrefixes.isEmpty()
                && hostPathPrefixes.stream().flatMap(PodPolicy::spellings).noneMatch(path::startsWith)) {
            refusals.add("refused: " + path + " is in none of the operator's Docker.HostPathPrefixes ("
                    + hostPathPrefixes.stream().map(Path::toString).collect(Collectors.joining(", ")) + ")");
        }
        if (spellings(dataRootFolder).anyMatch(data -> path.startsWith(data) || data.startsWith(path))) {
            refusals.add("refused: " + path + " reaches the sandboxes' folder (DataRootFolder)");
        }
        SANDBOX_PATHS.stream()
                .filter(own -> own.startsWith(path) || (SANDBOX_TREES.contains(own) && path.startsWith(own)))
                .findFirst()
                .ifPresent(own -> refusals.add(path + " cannot be mounted into a sandbox at the same path: it would"
                        + " cover the sandbox's own " + own));
        if (refusals.isEmpty() && engineSocket != null
                && spellings(engineSocket).anyMatch(socket -> socket.startsWith(path))) {
            refusals.add("refused: " + path + (spellings(engineSocket).anyMatch(path::equals) ? " is" : " holds")
                    + " the host engine's socket " + engineSocket + ": it would give the pod the host's Docker engine");
        }
        return refusals;
    }

    /** The path as written and, when it exists, as its links lead. */
    private static Stream<Path> spellings(Path path) {
        try {
            return Stream.of(path, path.toRealPath()).distinct();
        } catch (IOException e) {
            return Stream.of(path);
        }
    }
}
