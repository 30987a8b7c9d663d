package eu.interlink.jvm.docker;

import eu.interlink.jvm.api.settings.InvalidSettingException;
import eu.interlink.jvm.api.settings.PluginSettings;
import eu.interlink.jvm.docker.images.ImageReference;
import eu.interlink.jvm.docker.sandbox.DindSecurity;
import eu.interlink.jvm.docker.sandbox.RegistryFlags;
import eu.interlink.jvm.docker.sandbox.SandboxLayout;
import eu.interlink.jvm.docker.sandbox.SandboxNetwork;
import eu.interlink.jvm.docker.security.Capabilities;
import eu.interlink.jvm.docker.security.HostPaths;
import eu.interlink.jvm.docker.security.PodPolicy;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Docker runtime's settings. Each key's environment override is its name in upper case.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>environment</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code DataRootFolder}</td><td>{@code DATAROOTFOLDER}</td><td>{@code ~/.interlink/docker}</td>
 *       <td>where sandbox folders live ({@code <DataRootFolder>/sandboxes/<id>/}); a relative path resolves against
 *       the working directory; it must be short enough for a unix socket path (107 bytes) inside it</td></tr>
 *   <tr><td>{@code Docker.DindImage}</td><td>{@code DINDIMAGE}</td><td>{@code docker:dind}</td>
 *       <td>the Docker-in-Docker image of sandboxes; when the host lacks it and cannot pull it,
 *       {@code interlink-jvm/dind:local} (from {@code scripts/build-dind-image.sh}) is used if present</td></tr>
 *   <tr><td>{@code Docker.GpuDindImage}</td><td>{@code GPUDINDIMAGE}</td><td>{@code Docker.DindImage}</td>
 *       <td>the Docker-in-Docker image of sandboxes that get devices through the host engine's device driver (such
 *       as NVIDIA's); its inner engine must have the same driver</td></tr>
 *   <tr><td>{@code Docker.DindSecurity}</td><td>{@code DINDSECURITY}</td><td>{@code auto}</td>
 *       <td>{@code privileged}, {@code capabilities} or {@code auto} (privileged, else capabilities)</td></tr>
 *   <tr><td>{@code Docker.CallTimeoutSeconds}</td><td>{@code CALLTIMEOUTSECONDS}</td><td>30</td>
 *       <td>the bound on each Docker request</td></tr>
 *   <tr><td>{@code Docker.SandboxStartTimeoutSeconds}</td><td>{@code SANDBOXSTARTTIMEOUTSECONDS}</td><td>60</td>
 *       <td>how long a sandbox's inner engine may take to answer</td></tr>
 *   <tr><td>{@code Docker.ImageTimeoutSeconds}</td><td>{@code IMAGETIMEOUTSECONDS}</td><td>600</td>
 *       <td>the bound on moving one image into a sandbox, or pulling it</td></tr>
 *   <tr><td>{@code Docker.PodStarters}</td><td>{@code PODSTARTERS}</td><td>8</td>
 *       <td>how many pods start at once (a start lasts until the pod's init containers have run); the others wait
 *       for a free starter</td></tr>
 *   <tr><td>{@code AVAILABLEDINDS}</td><td>{@code AVAILABLEDINDS}</td><td>2</td>
 *       <td>how many sandboxes the pool keeps ready, from 0 to 64 (the Go plugin's name); with 0 there is no pool and
 *       every pod gets a sandbox built for it</td></tr>
 *   <tr><td>{@code Docker.PoolBuildParallelism}</td><td>{@code POOLBUILDPARALLELISM}</td><td>2</td>
 *       <td>how many pool sandboxes are built at once, from 1 to 16</td></tr>
 *   <tr><td>{@code Docker.PreloadImages}</td><td>{@code PRELOADIMAGES}</td><td>none</td>
 *       <td>images put into each pool sandbox once it is built (from the host engine, else pulled), so that pods
 *       using them start without moving images; a YAML list, or comma-separated in the environment</td></tr>
 *   <tr><td>{@code Docker.DindNetwork}</td><td>{@code DINDNETWORK}</td><td>{@code bridge}</td>
 *       <td>the host network sandboxes join; a bridge network of that name is made when it does not exist</td></tr>
 *   <tr><td>{@code Docker.PodIpNetwork}</td><td>{@code PODIPNETWORK}</td><td>none</td>
 *       <td>the user-defined network of the host engine, with a subnet, on which pods annotated
 *       {@code interlink.eu/pod-ip} get that address (in a sandbox built for them); unset, such pods are refused</td></tr>
 *   <tr><td>{@code Docker.RegistryMirrors}</td><td>{@code REGISTRYMIRRORS}</td><td>none</td>
 *       <td>the registry mirrors of the sandboxes' inner engines ({@code dockerd --registry-mirror}): http or https
 *       URLs without credentials, path, query or fragment; a YAML list, or comma-separated in the environment</td></tr>
 *   <tr><td>{@code Docker.InsecureRegistries}</td><td>{@code INSECUREREGISTRIES}</td><td>none</td>
 *       <td>the registries the sandboxes' inner engines reach without verifying TLS
 *       ({@code dockerd --insecure-registry}): hosts, {@code host:port} pairs or CIDR ranges, without a scheme or
 *       path; a YAML list, or comma-separated in the environment</td></tr>
 *   <tr><td>{@code Docker.AllowPrivilegedPods}</td><td>{@code ALLOWPRIVILEGEDPODS}</td><td>{@code false}</td>
 *       <td>whether a pod's container may be {@code privileged}</td></tr>
 *   <tr><td>{@code Docker.AllowedCapabilities}</td><td>{@code ALLOWEDCAPABILITIES}</td><td>none</td>
 *       <td>the capabilities a container may add beyond the default set ({@code NET_ADMIN}, {@code SYS_TIME}, ...,
 *       or {@code ALL}); a YAML list, or comma-separated in the environment</td></tr>
 *   <tr><td>{@code Docker.AllowHostPath}</td><td>{@code ALLOWHOSTPATH}</td><td>{@code false}</td>
 *       <td>whether a pod may have {@code hostPath} volumes</td></tr>
 *   <tr><td>{@code Docker.HostPathPrefixes}</td><td>{@code HOSTPATHPREFIXES}</td><td>none: anywhere</td>
 *       <td>the absolute folders that {@code hostPath} volumes must lie in, when they are allowed</td></tr>
 * </table>
 *
 * <p>The engine's address is docker-java's own setting: {@code DOCKER_HOST}, by default
 * {@code unix:///var/run/docker.sock}.
 *
 * @param dataRootFolder       absolute; see {@code DataRootFolder}
 * @param dindImage            see {@code Docker.DindImage}
 * @param dindSecurity         see {@code Docker.DindSecurity}
 * @param callTimeout          see {@code Docker.CallTimeoutSeconds}
 * @param sandboxStartTimeout  see {@code Docker.SandboxStartTimeoutSeconds}
 * @param imageTimeout         see {@code Docker.ImageTimeoutSeconds}
 * @param podStarters          see {@code Docker.PodStarters}
 * @param availableDinds       see {@code AVAILABLEDINDS}
 * @param poolBuildParallelism see {@code Docker.PoolBuildParallelism}
 * @param preloadImages        see {@code Docker.PreloadImages}
 * @param dindNetwork          see {@code Docker.DindNetwork}
 * @param registryMirrors      see {@code Docker.RegistryMirrors}
 * @param insecureRegistries   see {@code Docker.InsecureRegistries}
 * @param podPolicy            see {@code Docker.AllowPrivilegedPods}, {@code Docker.AllowedCapabilities},
 *                             {@code Docker.AllowHostPath} and {@code Docker.HostPathPrefixes}
 * @param podIpNetwork         see {@code Docker.PodIpNetwork}; null when unset
 * @param gpuDindImage         see {@code Docker.GpuDindImage}
 */
public record DockerSettings(
        Path dataRootFolder,
        String dindImage,
        DindSecurity dindSecurity,
        Duration callTimeout,
        Duration sandboxStartTimeout,
        Duration imageTimeout,
        int podStarters,
        int availableDinds,
        int poolBuildParallelism,
        List<String> preloadImages,
        String dindNetwork,
        List<String> registryMirrors,
        List<String> insecureRegistries,
        PodPolicy podPolicy,
        String podIpNetwork,
        String gpuDindImage) {

    /** The section of the configuration file that holds the Docker settings. */
    public static final String SECTION = "Docker";
    /** The default of {@code Docker.DindImage}. */
    public static final String DEFAULT_DIND_IMAGE = "docker:dind";

    private static final Pattern NETWORK_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");

    public DockerSettings {
        preloadImages = List.copyOf(preloadImages);
        registryMirrors = List.copyOf(registryMirrors);
        insecureRegistries = List.copyOf(insecureRegistries);
    }

    /**
     * Reads the settings.
     *
     * @throws InvalidSettingException naming the key of a value that does not fit
     */
    public static DockerSettings from(PluginSettings settings) {
        PluginSettings docker = settings.section(SECTION);
        String image = docker.text("DindImage", DEFAULT_DIND_IMAGE);
        if (!ImageReference.isWellFormed(image)) {
            throw docker.invalid("DindImage", "an image reference such as docker:dind", image);
        }
        String gpuImage = docker.text("GpuDindImage", image);
        if (!ImageReference.isWellFormed(gpuImage)) {
            throw docker.invalid("GpuDindImage", "an image reference such as registry.example/dind-nvidia:27",
                    gpuImage);
        }
        List<String> preloadImages = docker.list("PreloadImages");
        for (String preloaded : preloadImages) {
            if (!ImageReference.isWellFormed(preloaded)) {
                throw docker.invalid("PreloadImages", "a list of image references such as busybox:1.36", preloaded);
            }
        }
        Path dataRootFolder = dataRootFolder(settings);
        return new DockerSettings(
                dataRootFolder,
                image,
                docker.choice("DindSecurity", DindSecurity.class, DindSecurity.AUTO),
                Duration.ofSeconds(docker.integer("CallTimeoutSeconds", 30, 1, 3600)),
                Duration.ofSeconds(docker.integer("SandboxStartTimeoutSeconds", 60, 1, 3600)),
                Duration.ofSeconds(docker.integer("ImageTimeoutSeconds", 600, 1, 86_400)),
                docker.integer("PodStarters", 8, 1, 256),
                settings.integer("AVAILABLEDINDS", 2, 0, 64),
                docker.integer("PoolBuildParallelism", 2, 1, 16),
                preloadImages,
                network(docker),
                registryMirrors(docker),
                insecureRegistries(docker),
                podPolicy(docker, dataRootFolder),
                podIpNetwork(docker),
                gpuImage);
    }

    private static PodPolicy podPolicy(PluginSettings docker, Path dataRootFolder) {
        List<String> capabilities = docker.list("AllowedCapabilities");
        for (String capability : capabilities) {
            if (!Capabilities.isWellFormed(capability)) {
                throw docker.invalid("AllowedCapabilities", "a list of capability names such as NET_ADMIN or ALL",
                        capability);
            }
        }
        List<Path> prefixes = new ArrayList<>();
        for (String prefix : docker.list("HostPathPrefixes")) {
            prefixes.add(HostPaths.parse(prefix).orElseThrow(() -> docker.invalid("HostPathPrefixes",
                    "a list of absolute folders without '..' such as /data", prefix)));
        }
        return new PodPolicy(docker.flag("AllowPrivilegedPods", false), Set.copyOf(capabilities),
                docker.flag("AllowHostPath", false), prefixes, dataRootFolder);
    }

    private static List<String> registryMirrors(PluginSettings docker) {
        List<String> mirrors = docker.list("RegistryMirrors");
        for (String mirror : mirrors) {
            if (!RegistryFlags.isMirror(mirror)) {
                throw docker.invalid("RegistryMirrors", "a list of http or https URLs of registry mirrors such as"
                        + " https://mirror.example:5000, without credentials, path, query or fragment",
                        RegistryFlags.withoutCredentials(mirror));
            }
        }
        return mirrors;
    }

    private static List<String> insecureRegistries(PluginSettings docker) {
        List<String> registries = docker.list("InsecureRegistries");
        for (String registry : registries) {
            if (!RegistryFlags.isInsecureRegistry(registry)) {
                throw docker.invalid("InsecureRegistries", "a list of hosts, host:port pairs or CIDR ranges such as"
                        + " registry.internal:5000 or 10.0.0.0/8, without a scheme or path", registry);
            }
        }
        return registries;
    }

    private static String podIpNetwork(PluginSettings docker) {
        String network = docker.text("PodIpNetwork").orElse(null);
        if (network != null && !NETWORK_NAME.matcher(network).matches()) {
            throw docker.invalid("PodIpNetwork", "a Docker network name (letters, digits, '_', '.', '-')", network);
        }
        return network;
    }

    private static String network(PluginSettings docker) {
        String network = docker.text("DindNetwork", SandboxNetwork.DEFAULT);
        if (!NETWORK_NAME.matcher(network).matches()) {
            throw docker.invalid("DindNetwork", "a Docker network name (letters, digits, '_', '.', '-')", network);
        }
        return network;
    }

    private static Path dataRootFolder(PluginSettings settings) {
        String text = settings.text("DataRootFolder",
                Path.of(System.getProperty("user.home"), ".interlink", "docker").toString());
        Path folder;
        try {
            folder = Path.of(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw settings.invalid("DataRootFolder", "a folder path", text);
        }
        try {
            new SandboxLayout(folder).requireSocketFits();
        } catch (IllegalArgumentException e) {
            throw settings.invalid("DataRootFolder", "a folder short enough for sandbox sockets (" + e.getMessage() + ")",
                    text);
        }
        return folder;
    }
}
