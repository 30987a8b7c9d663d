package eu.interlink.jvm.docker.probes;

import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Probe;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Makes the {@link Check} of a probe or a lifecycle hook, checked before by {@link ContainerChecks}: {@code exec}
 * through the inner engine, {@code httpGet} and {@code tcpSocket} against the pod's IP unless the action names a
 * {@code host}, and a hook's {@code sleep}.
 */
public final class Checks {

    private final HttpClient http;

    /** @param http the client of {@code httpGet} actions ({@link ProbeHttp#client}) */
    public Checks(HttpClient http) {
        this.http = http;
    }

    /** The check of a probe of the target's container. */
    public Check probe(Probe probe, CheckTarget target) {
        return neverThrowing(Action.of(probe), target);
    }

    /** The check of a lifecycle hook of the target's container. */
    public Check hook(LifecycleHandler hook, CheckTarget target) {
        return neverThrowing(Action.of(hook), target);
    }

    /**
     * The check, which fails, rather than throws, when it cannot be made (the pod has no IP) or when it breaks in a
     * way its own handling does not foresee.
     */
    private Check neverThrowing(Action action, CheckTarget target) {
        Check check;
        try {
            check = of(action, target);
        } catch (IllegalArgumentException e) {
            return timeout -> CheckResult.failed("cannot run: " + e.getMessage());
        }
        return timeout -> {
            try {
                return check.run(timeout);
            } catch (RuntimeException e) {
                return CheckResult.failed("failed: " + e);
            }
        };
    }

    private Check of(Action action, CheckTarget target) {
        if (action.exec() != null) {
            return new ExecCheck(target, action.exec().getCommand());
        }
        if (action.httpGet() != null) {
            HTTPGetAction get = action.httpGet();
            List<Map.Entry<String, String>> headers = get.getHttpHeaders() == null ? List.of()
                    : get.getHttpHeaders().stream().map(Checks::entry).toList();
            return new HttpGetCheck(http, uri(get, hostOr(get.getHost(), target), target), headers);
        }
        if (action.tcpSocket() != null) {
            return new TcpSocketCheck(hostOr(action.tcpSocket().getHost(), target),
                    NamedPorts.resolve(action.tcpSocket().getPort(), target.ports()));
        }
        if (action.sleep() != null) {
            return new SleepCheck(Duration.ofSeconds(action.sleep().getSeconds()));
        }
        throw new IllegalArgumentException("no supported action is set");
    }

    /** The URI an {@code httpGet} action asks for, at this host. */
    static URI uri(HTTPGetAction get, String host, CheckTarget target) {
        String scheme = get.getScheme() == null || get.getScheme().isBlank() ? "http" : get.getScheme().toLowerCase();
        String path = get.getPath() == null ? "" : get.getPath();
        String address = host.contains(":") ? "[" + host + "]" : host;
        return URI.create(scheme + "://" + address + ":" + NamedPorts.resolve(get.getPort(), target.ports())
                + (path.startsWith("/") ? path : "/" + path));
    }

    private static String hostOr(String host, CheckTarget target) {
        return host == null || host.isBlank() ? target.podIp() : host;
    }

    private static Map.Entry<String, String> entry(HTTPHeader header) {
        return Map.entry(header.getName(), header.getValue() == null ? "" : header.getValue());
    }
}
