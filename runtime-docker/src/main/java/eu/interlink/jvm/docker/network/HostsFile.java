package eu.interlink.jvm.docker.network;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A pod's {@code /etc/hosts}, as kubelet writes it: the localhost lines, the pod's IP with its hostname, then the
 * pod's {@code hostAliases}. No cluster domain is known on a Docker host, so the pod's name stands alone, without the
 * fully qualified name that {@code subdomain} gives in a cluster.
 */
public final class HostsFile {

    private static final int MAX_HOSTNAME = 63;
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]{0,252})");

    private HostsFile() {
    }

    /**
     * @throws InvalidPodException naming the {@code spec.hostAliases} value that is no IP address, or a hostname
     *                             with blanks or control characters
     */
    public static void check(PodSpec spec) {
        for (HostAlias alias : spec.getHostAliases() == null ? List.<HostAlias>of() : spec.getHostAliases()) {
            if (IpLiteral.parse(alias.getIp()).isEmpty()) {
                throw new InvalidPodException("spec.hostAliases[" + alias.getIp() + "].ip: '" + alias.getIp()
                        + "' is not an IP address");
            }
            for (String name : alias.getHostnames() == null ? List.<String>of() : alias.getHostnames()) {
                if (name == null || !HOSTNAME.matcher(name).matches()) {
                    throw new InvalidPodException("spec.hostAliases[" + alias.getIp() + "].hostnames: '" + name
                            + "' is not a hostname");
                }
            }
        }
    }

    /**
     * The file's text.
     *
     * @param podIp the pod's IP; empty when unknown, and then no line names the pod
     */
    public static String of(Pod pod, String podIp) {
        StringBuilder file = new StringBuilder("""
                # Kubernetes-managed hosts file.
                127.0.0.1\tlocalhost
                ::1\tlocalhost ip6-localhost ip6-loopback
                fe00::0\tip6-localnet
                fe00::0\tip6-mcastprefix
                fe00::1\tip6-allnodes
                fe00::2\tip6-allrouters
                """);
        if (!podIp.isEmpty()) {
            file.append(podIp).append('\t').append(hostname(pod)).append('\n');
        }
        List<HostAlias> aliases = pod.getSpec().getHostAliases();
        if (aliases != null && !aliases.isEmpty()) {
            file.append("\n# Entries added by HostAliases.\n");
            for (HostAlias alias : aliases) {
                List<String> names = alias.getHostnames() == null ? List.of() : alias.getHostnames();
                file.append(alias.getIp()).append('\t').append(String.join("\t", names)).append('\n');
            }
        }
        return file.toString();
    }

    /** The pod's hostname: {@code spec.hostname}, else its name cut to 63 characters, as kubelet cuts it. */
    public static String hostname(Pod pod) {
        String hostname = pod.getSpec().getHostname();
        if (hostname != null && !hostname.isBlank()) {
            return hostname;
        }
        String name = pod.getMetadata().getName();
        if (name.length() <= MAX_HOSTNAME) {
            return name;
        }
        return name.substring(0, MAX_HOSTNAME).replaceAll("[-.]+$", "");
    }
}
