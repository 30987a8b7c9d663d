package eu.interlink.jvm.docker.network;

import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.sandbox.Sandbox;
import eu.interlink.jvm.docker.sandbox.SandboxLayout;
import eu.interlink.jvm.docker.volumes.ResolvedMount;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a pod's {@code /etc/hosts} ({@link HostsFile}) and, unless it is the node's own, its {@code /etc/resolv.conf}
 * ({@link ResolvConf}) into its sandbox's folder, to be mounted into every container of the pod (writable, as kubelet
 * mounts them), so that all of them share one file of each. The node's resolver file is the one the host engine gave the sandbox, copied out of it.
 */
public final class PodNetworkFiles {

    private static final String FOLDER = "etc";
    private static final String HOSTS = "/etc/hosts";
    private static final String RESOLV_CONF = "/etc/resolv.conf";
    private static final String HOSTS_FILE = "hosts";
    private static final String RESOLV_CONF_FILE = "resolv.conf";

    private final Engine host;
    private final SandboxLayout layout;

    public PodNetworkFiles(Engine host, SandboxLayout layout) {
        this.host = host;
        this.layout = layout;
    }

    /**
     * Writes the pod's files into the sandbox's folder and tells where each container mounts them.
     *
     * @throws IOException when a file cannot be read or written, saying which
     */
    public List<ResolvedMount> write(Pod pod, Sandbox sandbox) throws IOException {
        Path folder = Files.createDirectories(sandbox.folder().resolve(FOLDER));
        Files.writeString(folder.resolve(HOSTS_FILE), HostsFile.of(pod, sandbox.ip()), StandardCharsets.UTF_8);
        if (!ResolvConf.isTheNodes(pod.getSpec())) {
            String node = "None".equals(pod.getSpec().getDnsPolicy()) ? "" : nodeResolvConf(sandbox.id());
            Files.writeString(folder.resolve(RESOLV_CONF_FILE), ResolvConf.of(pod.getSpec(), node),
                    StandardCharsets.UTF_8);
        }
        return written(pod, sandbox);
    }

    /** Where each container mounts the pod's files, which {@link #write} wrote before. */
    public List<ResolvedMount> written(Pod pod, Sandbox sandbox) {
        Path folder = sandbox.folder().resolve(FOLDER);
        List<ResolvedMount> mounts = new ArrayList<>();
        mounts.add(new ResolvedMount(folder.resolve(HOSTS_FILE).toString(), HOSTS, false));
        if (!ResolvConf.isTheNodes(pod.getSpec())) {
            mounts.add(new ResolvedMount(folder.resolve(RESOLV_CONF_FILE).toString(), RESOLV_CONF, false));
        }
        return List.copyOf(mounts);
    }

    private String nodeResolvConf(String sandboxId) throws IOException {
        String container = layout.containerName(sandboxId);
        try {
            return host.call("copy resolv.conf out of sandbox " + sandboxId, client -> {
                try (InputStream tar = client.copyArchiveFromContainerCmd(container, RESOLV_CONF).exec()) {
                    return SingleFileTar.read(tar);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw new IOException("cannot read the node's resolv.conf in sandbox " + sandboxId + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }
}
