package eu.interlink.jvm.docker.probes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a container's probes and lifecycle hooks before its pod is accepted: {@link #invalid} finds values that
 * Kubernetes' own validation refuses, {@link #unsupported} what this runtime cannot honour: gRPC probes, the
 * {@code tcpSocket} action of hooks (deprecated, and never run by kubelet either), a hook's {@code stopSignal}, and
 * HTTP headers that Java's HTTP client does not let a request set ({@code Host}, {@code Connection},
 * {@code Content-Length}, {@code Expect}, {@code Upgrade}).
 */
public final class ContainerChecks {

    private static final Set<String> RESTRICTED_HEADERS = Set.of("host", "connection", "content-length", "expect",
            "upgrade");
    private static final Set<String> SCHEMES = Set.of("HTTP", "HTTPS");
    private static final String PLACEHOLDER_HOST = "127.0.0.1";

    private ContainerChecks() {
    }

    /**
     * The first invalid value of the container's probes and hooks, as {@code field: problem}, or empty.
     *
     * @param at the container's field, such as {@code spec.containers[app]}
     */
    public static Optional<String> invalid(String at, Container container) {
        List<String> problems = new ArrayList<>();
        probe(at + ".startupProbe", container.getStartupProbe(), ProbeKind.STARTUP, container, problems);
        probe(at + ".livenessProbe", container.getLivenessProbe(), ProbeKind.LIVENESS, container, problems);
        probe(at + ".readinessProbe", container.getReadinessProbe(), ProbeKind.READINESS, container, problems);
        Lifecycle lifecycle = container.getLifecycle();
        if (lifecycle != null) {
            hook(at + ".lifecycle.postStart", lifecycle.getPostStart(), container, problems);
            hook(at + ".lifecycle.preStop", lifecycle.getPreStop(), container, problems);
        }
        return problems.stream().findFirst();
    }

    /** What the container's probes and hooks ask for that this runtime cannot honour, each field named. */
    public static List<String> unsupported(String at, Container container) {
        List<String> found = new ArrayList<>();
        for (Named probe : probes(at, container)) {
            if (probe.action().grpc() != null) {
                found.add(probe.at() + ".grpc (gRPC probes are not supported)");
            }
            headers(probe, found);
        }
        Lifecycle lifecycle = container.getLifecycle();
        if (lifecycle != null) {
            for (String phase : List.of("postStart", "preStop")) {
                LifecycleHandler hook = phase.equals("postStart") ? lifecycle.getPostStart() : lifecycle.getPreStop();
                if (hook == null) {
                    continue;
                }
                Named named = new Named(at + ".lifecycle." + phase, Action.of(hook));
                if (hook.getTcpSocket() != null) {
                    found.add(named.at() + ".tcpSocket (deprecated in lifecycle hooks, which kubelet does not run"
                            + " either)");
                }
                headers(named, found);
            }
            if (lifecycle.getStopSignal() != null && !lifecycle.getStopSignal().isBlank()) {
                found.add(at + ".lifecycle.stopSignal");
            }
        }
        return found;
    }

    private record Named(String at, Action action) {
    }

    private static List<Named> probes(String at, Container container) {
        List<Named> probes = new ArrayList<>();
        if (container.getStartupProbe() != null) {
            probes.add(new Named(at + ".startupProbe", Action.of(container.getStartupProbe())));
        }
        if (container.getLivenessProbe() != null) {
            probes.add(new Named(at + ".livenessProbe", Action.of(container.getLivenessProbe())));
        }
        if (container.getReadinessProbe() != null) {
            probes.add(new Named(at + ".readinessProbe", Action.of(container.getReadinessProbe())));
        }
        return probes;
    }

    private static void headers(Named named, List<String> found) {
        HTTPGetAction get = named.action().httpGet();
        if (get == null || get.getHttpHeaders() == null) {
            return;
        }
        for (HTTPHeader header : get.getHttpHeaders()) {
            if (header != null && header.getName() != null
                    && RESTRICTED_HEADERS.contains(header.getName().toLowerCase(Locale.ROOT))) {
                found.add(named.at() + ".httpGet.httpHeaders[" + header.getName() + "] (a header Java's HTTP client"
                        + " does not let a request set)");
            }
        }
    }

    private static void probe(String at, Probe probe, ProbeKind kind, Container container, List<String> problems) {
        if (probe == null) {
            return;
        }
        notNegative(at + ".initialDelaySeconds", probe.getInitialDelaySeconds(), problems);
        notNegative(at + ".periodSeconds", probe.getPeriodSeconds(), problems);
        notNegative(at + ".timeoutSeconds", probe.getTimeoutSeconds(), problems);
        notNegative(at + ".successThreshold", probe.getSuccessThreshold(), problems);
        notNegative(at + ".failureThreshold", probe.getFailureThreshold(), problems);
        Integer success = probe.getSuccessThreshold();
        if (kind != ProbeKind.READINESS && success != null && success > 1) {
            problems.add(at + ".successThreshold: must be 1");
        }
        Long grace = probe.getTerminationGracePeriodSeconds();
        if (grace != null && (kind == ProbeKind.READINESS || grace < 1)) {
            problems.add(at + ".terminationGracePeriodSeconds: "
                    + (kind == ProbeKind.READINESS ? "must not be set" : "must be greater than 0"));
        }
        action(at, Action.of(probe), container, problems);
    }

    private static void hook(String at, LifecycleHandler hook, Container container, List<String> problems) {
        if (hook == null) {
            return;
        }
        Action action = Action.of(hook);
        if (action.sleep() != null && (action.sleep().getSeconds() == null || action.sleep().getSeconds() < 0)) {
            problems.add(at + ".sleep.seconds: must be 0 or more");
        }
        action(at, action, container, problems);
    }

    private static void action(String at, Action action, Container container, List<String> problems) {
        if (action.count() != 1) {
            problems.add(at + ": must set exactly one action");
            return;
        }
        if (action.exec() != null && (action.exec().getCommand() == null || action.exec().getCommand().isEmpty())) {
            problems.add(at + ".exec.command: required");
        }
        List<ContainerPort> ports = container.getPorts() == null ? List.of() : container.getPorts();
        if (action.httpGet() != null) {
            HTTPGetAction get = action.httpGet();
            if (get.getScheme() != null && !SCHEMES.contains(get.getScheme().toUpperCase(Locale.ROOT))) {
                problems.add(at + ".httpGet.scheme: must be HTTP or HTTPS");
                return;
            }
            try {
                NamedPorts.resolve(get.getPort(), ports);
            } catch (IllegalArgumentException e) {
                problems.add(at + ".httpGet.port: " + e.getMessage());
                return;
            }
            try {
                Checks.uri(get, PLACEHOLDER_HOST, new CheckTarget(null, null, PLACEHOLDER_HOST, ports));
            } catch (IllegalArgumentException e) {
                problems.add(at + ".httpGet.path: " + e.getMessage());
            }
        }
        if (action.tcpSocket() != null) {
            try {
                NamedPorts.resolve(action.tcpSocket().getPort(), ports);
            } catch (IllegalArgumentException e) {
                problems.add(at + ".tcpSocket.port: " + e.getMessage());
            }
        }
    }

    private static void notNegative(String field, Integer value, List<String> problems) {
        if (value != null && value < 0) {
            problems.add(field + ": must be 0 or more");
        }
    }
}
