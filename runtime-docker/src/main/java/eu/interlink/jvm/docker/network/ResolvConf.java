package eu.interlink.jvm.docker.network;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodDNSConfigOption;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.Set;

/**
 * A pod's {@code /etc/resolv.conf}, from its {@code dnsPolicy} and {@code dnsConfig}, as kubelet makes it.
 *
 * <p>A Docker host has no cluster DNS, so {@code ClusterFirst} (the default) and {@code ClusterFirstWithHostNet}
 * behave like {@code Default}, as kubelet does when it has no cluster DNS: the node's resolver, which is what the
 * engine gives the sandbox. {@code None} uses {@code dnsConfig} alone. {@code dnsConfig}'s nameservers and searches
 * are added after the base ones, without repeats, and its options replace base options of the same name.
 */
public final class ResolvConf {

    private static final Pattern WORD = Pattern.compile("[\\x21-\\x7e]+");
    private static final Set<String> POLICIES = Set.of("ClusterFirst", "ClusterFirstWithHostNet", "Default", "None");

    private ResolvConf() {
    }

    /**
     * @throws InvalidPodException naming {@code spec.dnsPolicy} when it is none of Kubernetes' policies, or the
     *                             {@code spec.dnsConfig} value that is no IP address (nameservers) or holds blanks
     */
    public static void check(PodSpec spec) {
        String policy = spec.getDnsPolicy();
        if (policy != null && !POLICIES.contains(policy)) {
            throw new InvalidPodException("spec.dnsPolicy: '" + policy + "' is not ClusterFirst, ClusterFirstWithHostNet,"
                    + " Default or None");
        }
        PodDNSConfig config = spec.getDnsConfig();
        if (config == null) {
            return;
        }
        for (String nameserver : orEmpty(config.getNameservers())) {
            if (IpLiteral.parse(nameserver).isEmpty()) {
                throw new InvalidPodException("spec.dnsConfig.nameservers: '" + nameserver + "' is not an IP address");
            }
        }
        for (String search : orEmpty(config.getSearches())) {
            requireWord("spec.dnsConfig.searches", search);
        }
        for (PodDNSConfigOption option : orEmpty(config.getOptions())) {
            requireWord("spec.dnsConfig.options", option.getName());
            if (option.getValue() != null) {
                requireWord("spec.dnsConfig.options[" + option.getName() + "].value", option.getValue());
            }
        }
    }

    /** Whether the pod uses the node's file unchanged: no {@code dnsConfig}, and a policy other than None. */
    public static boolean isTheNodes(PodSpec spec) {
        return !"None".equals(spec.getDnsPolicy()) && spec.getDnsConfig() == null;
    }

    /**
     * The pod's file.
     *
     * @param node the node's {@code /etc/resolv.conf}, as the sandbox has it; not read under the policy None
     */
    public static String of(PodSpec spec, String node) {
        PodDNSConfig config = spec.getDnsConfig();
        boolean none = "None".equals(spec.getDnsPolicy());
        Set<String> nameservers = new LinkedHashSet<>();
        Set<String> searches = new LinkedHashSet<>();
        Map<String, String> options = new LinkedHashMap<>();
        if (!none) {
            readInto(node, nameservers, searches, options);
        }
        if (config != null) {
            nameservers.addAll(orEmpty(config.getNameservers()));
            searches.addAll(orEmpty(config.getSearches()));
            for (PodDNSConfigOption option : orEmpty(config.getOptions())) {
                options.put(option.getName(), option.getValue() == null ? option.getName()
                        : option.getName() + ":" + option.getValue());
            }
        }
        StringBuilder file = new StringBuilder();
        nameservers.forEach(nameserver -> file.append("nameserver ").append(nameserver).append('\n'));
        if (!searches.isEmpty()) {
            file.append("search ").append(String.join(" ", searches)).append('\n');
        }
        if (!options.isEmpty()) {
            file.append("options ").append(String.join(" ", options.values())).append('\n');
        }
        return file.toString();
    }

    private static void requireWord(String field, String value) {
        if (value == null || value.isEmpty() || !WORD.matcher(value).matches()) {
            throw new InvalidPodException(field + ": '" + value + "' is empty or holds blanks or control characters");
        }
    }

    /** The resolver's own reading: every nameserver, the last search (or domain) line, every option. */
    private static void readInto(String node, Set<String> nameservers, Set<String> searches,
            Map<String, String> options) {
        List<String> lastSearch = List.of();
        for (String line : node.lines().toList()) {
            List<String> words = List.of(line.strip().split("\\s+"));
            if (words.get(0).startsWith("#") || words.get(0).startsWith(";") || words.size() < 2) {
                continue;
            }
            List<String> values = words.subList(1, words.size());
            switch (words.get(0)) {
                case "nameserver" -> nameservers.add(values.get(0));
                case "search", "domain" -> lastSearch = values;
                case "options" -> values.forEach(option -> options.put(option.split(":", 2)[0], option));
                default -> {
                }
            }
        }
        searches.addAll(lastSearch);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? new ArrayList<>() : list;
    }
}
