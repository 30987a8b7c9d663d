package eu.interlink.jvm.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.interlink.jvm.api.settings.InvalidSettingException;
import eu.interlink.jvm.api.settings.PluginSettings;
import eu.interlink.jvm.docker.sandbox.DindSecurity;
import eu.interlink.jvm.docker.security.PodPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DockerSettingsTest {

    @Test
    void everyKeyHasADefault() {
        DockerSettings settings = DockerSettings.from(PluginSettings.empty());

        assertThat(settings.dataRootFolder())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".interlink", "docker").toAbsolutePath());
        assertThat(settings.dindImage()).isEqualTo("docker:dind");
        assertThat(settings.dindSecurity()).isEqualTo(DindSecurity.AUTO);
        assertThat(settings.callTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.sandboxStartTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.imageTimeout()).isEqualTo(Duration.ofSeconds(600));
        assertThat(settings.podStarters()).isEqualTo(8);
        assertThat(settings.availableDinds()).isEqualTo(2);
        assertThat(settings.poolBuildParallelism()).isEqualTo(2);
        assertThat(settings.preloadImages()).isEmpty();
        assertThat(settings.dindNetwork()).isEqualTo("bridge");
        assertThat(settings.registryMirrors()).isEmpty();
        assertThat(settings.insecureRegistries()).isEmpty();
        assertThat(settings.podIpNetwork()).isNull();
    }

    @Test
    void readsTheFileAndTheDockerSection() {
        DockerSettings settings = DockerSettings.from(PluginSettings.of(Map.of(
                "DataRootFolder", "/var/lib/interlink",
                "AVAILABLEDINDS", 5,
                "Docker", Map.ofEntries(
                        Map.entry("DindImage", "registry.example/dind:27"),
                        Map.entry("DindSecurity", "Capabilities"),
                        Map.entry("CallTimeoutSeconds", 5),
                        Map.entry("SandboxStartTimeoutSeconds", 20),
                        Map.entry("ImageTimeoutSeconds", 120),
                        Map.entry("PodStarters", 3),
                        Map.entry("PoolBuildParallelism", 4),
                        Map.entry("PreloadImages", List.of("busybox:1.36", "registry.example/app:2")),
                        Map.entry("DindNetwork", "interlink-pods"),
                        Map.entry("RegistryMirrors", List.of("https://mirror.example:5000", "http://10.0.0.7/")),
                        Map.entry("InsecureRegistries", List.of("registry.internal:5000", "10.0.0.0/8")),
                        Map.entry("PodIpNetwork", "pod-addresses"),
                        Map.entry("GpuDindImage", "registry.example/dind-nvidia:27"))), Map.of()));

        assertThat(settings).isEqualTo(new DockerSettings(Path.of("/var/lib/interlink"), "registry.example/dind:27",
                DindSecurity.CAPABILITIES, Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(120), 3, 5, 4,
                List.of("busybox:1.36", "registry.example/app:2"), "interlink-pods",
                List.of("https://mirror.example:5000", "http://10.0.0.7/"), List.of("registry.internal:5000", "10.0.0.0/8"),
                new PodPolicy(false, Set.of(), false, List.of(), Path.of("/var/lib/interlink")), "pod-addresses",
                "registry.example/dind-nvidia:27"));
    }

    @Test
    void environmentOverridesAreTheKeysInUpperCase() {
        DockerSettings settings = DockerSettings.from(PluginSettings.of(
                Map.of("Docker", Map.of("DindImage", "docker:dind", "DindSecurity", "auto")),
                Map.of("DINDIMAGE", "interlink-jvm/dind:local", "DINDSECURITY", "privileged",
                        "DATAROOTFOLDER", "/srv/interlink", "AVAILABLEDINDS", "0", "POOLBUILDPARALLELISM", "8",
                        "PRELOADIMAGES", "busybox:1.36, python:3.12-slim", "DINDNETWORK", "sandboxes",
                        "REGISTRYMIRRORS", "https://mirror.example, http://cache.internal:5000",
                        "INSECUREREGISTRIES", "cache.internal:5000,fd00::/8")));

        assertThat(settings.dindImage()).isEqualTo("interlink-jvm/dind:local");
        assertThat(settings.dindSecurity()).isEqualTo(DindSecurity.PRIVILEGED);
        assertThat(settings.dataRootFolder()).isEqualTo(Path.of("/srv/interlink"));
        assertThat(settings.availableDinds()).isZero();
        assertThat(settings.poolBuildParallelism()).isEqualTo(8);
        assertThat(settings.preloadImages()).containsExactly("busybox:1.36", "python:3.12-slim");
        assertThat(settings.dindNetwork()).isEqualTo("sandboxes");
        assertThat(settings.registryMirrors()).containsExactly("https://mirror.example", "http://cache.internal:5000");
        assertThat(settings.insecureRegistries()).containsExactly("cache.internal:5000", "fd00::/8");
    }

    @Test
    void registryMirrorsAreHttpOrHttpsUrlsAsDockerdTakesThem() {
        List<String> mirrors = List.of("https://mirror.example", "http://mirror.example:5000/", "HTTPS://Mirror.Example",
                "https://10.0.0.7:443", "https://[fd00::7]:5000");

        assertThat(DockerSettings.from(docker(Map.of("RegistryMirrors", mirrors))).registryMirrors())
                .containsExactlyElementsOf(mirrors);
    }

    @Test
    void insecureRegistriesAreHostsHostPortPairsOrCidrRanges() {
        List<String> registries = List.of("registry.internal", "registry.internal:5000", "localhost:5000",
                "10.0.0.7:5000", "[fd00::7]:5000", "fd00::7", "10.0.0.0/8", "192.168.1.0/24", "fd00::/8");

        assertThat(DockerSettings.from(docker(Map.of("InsecureRegistries", registries))).insecureRegistries())
                .containsExactlyElementsOf(registries);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mirror.example", "ftp://mirror.example", "file:///srv/mirror", "https:mirror.example",
            "https:///v2", "https://mirror.example/v2", "https://mirror.example?region=eu", "https://mirror.example#a",
            "https://mirror.example:70000", "https://my_mirror.example", "https://mirror.example/ --debug",
            "https://mirror.example;reboot"})
    void aRegistryMirrorThatIsNotAPlainHttpOrHttpsUrlIsRefused(String mirror) {
        assertThatThrownBy(() -> DockerSettings.from(docker(Map.of("RegistryMirrors", List.of("https://ok.example",
                mirror)))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Docker.RegistryMirrors: expected a list of http or https URLs of registry mirrors such as"
                        + " https://mirror.example:5000, without credentials, path, query or fragment, got '" + mirror + "'")
                .satisfies(e -> assertThat(((InvalidSettingException) e).key()).isEqualTo("Docker.RegistryMirrors"));
    }

    @Test
    void aRegistryMirrorWithCredentialsIsRefusedWithoutShowingThem() {
        assertThatThrownBy(() -> DockerSettings.from(PluginSettings.of(Map.of(),
                Map.of("REGISTRYMIRRORS", "https://robot:s3cret@mirror.example"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("Docker.RegistryMirrors: expected a list of http or https URLs")
                .hasMessageEndingWith("got 'https://***@mirror.example'")
                .hasMessageNotContaining("s3cret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://registry.internal:5000", "registry.internal:5000/v2", "registry.internal:0",
            "registry.internal:65536", "registry_1.internal", "-registry.internal", "registry.internal.",
            "[fd00::7]", "fd00::7::8", "10.0.0.0/33", "fd00::/129", "300.0.0.0/8", "registry internal",
            "registry.internal;reboot", "$(reboot)"})
    void anInsecureRegistryThatIsNotAHostHostPortOrCidrIsRefused(String registry) {
        assertThatThrownBy(() -> DockerSettings.from(docker(Map.of("InsecureRegistries", List.of("ok.internal",
                registry)))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Docker.InsecureRegistries: expected a list of hosts, host:port pairs or CIDR ranges such as"
                        + " registry.internal:5000 or 10.0.0.0/8, without a scheme or path, got '" + registry + "'")
                .satisfies(e -> assertThat(((InvalidSettingException) e).key()).isEqualTo("Docker.InsecureRegistries"));
    }

    @Test
    void aRelativeDataRootFolderResolvesAgainstTheWorkingDirectory() {
        DockerSettings settings = DockerSettings.from(PluginSettings.of(Map.of("DataRootFolder", ".local/jobs/"), Map.of()));

        assertThat(settings.dataRootFolder()).isEqualTo(Path.of("").toAbsolutePath().resolve(".local/jobs"));
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> DockerSettings.from(docker(Map.of("DindSecurity", "root"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Docker.DindSecurity: expected one of auto, privileged, capabilities, got 'root'");
        assertThatThrownBy(() -> DockerSettings.from(docker(Map.of("CallTimeoutSeconds", "0"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("Docker.CallTimeoutSeconds: expected an integer from 1 to 3600");
        assertThatThrownBy(() -> DockerSettings.from(docker(Map.of("SandboxStartTimeoutSeconds", "soon"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("Docker.SandboxStartTimeoutSeconds:");
        assertThatThrownBy(() -> DockerSettings.from(docker(Map.of("DindImage", "docker dind"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("Docker.DindImage: expected an image reference");
        assertThatThrownBy(() -> DockerSettings.from(docker(Map.of("PodStarters", "0"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("Docker.PodStarters: expected an integer from 1 to 256");
        assertThatThrownBy(() -> DockerSettings.from(PluginSettings.of(Map.of(), Map.of("AVAILABLEDINDS", "65"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("AVAILABLEDINDS: expected an integer from 0 to 64");
        assertThatThrownBy(() -> DockerSettings.from(docker(Map.of("PoolBuildParallelism", "17"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("Docker.PoolBuildParallelism: expected an integer from 1 to 16");
        assertThatThrownBy(() -> DockerSettings.from(docker(Map.of("PreloadImages", List.of("busybox", "not an image")))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Docker.PreloadImages: expected a list of image references such as busybox:1.36, got 'not an image'");
        assertThatThrownBy(() -> DockerSettings.from(docker(Map.of("DindNetwork", "my net; rm"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("Docker.DindNetwork: expected a Docker network name");
        assertThatThrownBy(() -> DockerSettings.from(docker(Map.of("PodIpNetwork", "pods net"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("Docker.PodIpNetwork: expected a Docker network name");
    }

    @Test
    void theOperatorsPodPolicyRefusesEverythingByDefaultAndIsReadFromTheFileOrTheEnvironment() {
        assertThat(DockerSettings.from(docker(Map.of())).podPolicy())
                .isEqualTo(new PodPolicy(false, Set.of(), false, List.of(), DockerSettings.from(docker(Map.of()))
                        .dataRootFolder()));

        PodPolicy fromFile = DockerSettings.from(PluginSettings.of(Map.of("DataRootFolder", "/srv/interlink",
                "Docker", Map.of("AllowPrivilegedPods", true, "AllowedCapabilities", List.of("CAP_NET_ADMIN", "sys_time"),
                        "AllowHostPath", "yes", "HostPathPrefixes", List.of("/data/", "/scratch/./x"))), Map.of()))
                .podPolicy();
        assertThat(fromFile).isEqualTo(new PodPolicy(true, Set.of("NET_ADMIN", "SYS_TIME"), true,
                List.of(Path.of("/data"), Path.of("/scratch/x")), Path.of("/srv/interlink")));

        PodPolicy fromEnvironment = DockerSettings.from(PluginSettings.of(Map.of("DataRootFolder", "/srv/interlink"),
                Map.of("ALLOWPRIVILEGEDPODS", "1", "ALLOWEDCAPABILITIES", "ALL", "ALLOWHOSTPATH", "true",
                        "HOSTPATHPREFIXES", "/data, /mnt"))).podPolicy();
        assertThat(fromEnvironment).isEqualTo(new PodPolicy(true, Set.of("ALL"), true,
                List.of(Path.of("/data"), Path.of("/mnt")), Path.of("/srv/interlink")));
    }

    @Test
    void aPodPolicyValueThatDoesNotFitNamesItsKey() {
        assertThatThrownBy(() -> DockerSettings.from(docker(Map.of("AllowPrivilegedPods", "sometimes"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("Docker.AllowPrivilegedPods: expected true or false");
        assertThatThrownBy(() -> DockerSettings.from(docker(Map.of("AllowedCapabilities", List.of("NET_ADMIN", "ROOT")))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Docker.AllowedCapabilities: expected a list of capability names such as NET_ADMIN or ALL,"
                        + " got 'ROOT'");
        assertThatThrownBy(() -> DockerSettings.from(docker(Map.of("AllowHostPath", "maybe"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("Docker.AllowHostPath: expected true or false");
        assertThatThrownBy(() -> DockerSettings.from(docker(Map.of("HostPathPrefixes", List.of("data")))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Docker.HostPathPrefixes: expected a list of absolute folders without '..' such as /data,"
                        + " got 'data'");
        assertThatThrownBy(() -> DockerSettings.from(docker(Map.of("HostPathPrefixes", List.of("/data/../etc")))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("Docker.HostPathPrefixes:");
    }

    @Test
    void aDataRootFolderTooLongForTheSandboxSocketsIsRefused() {
        String tooLong = "/" + "d".repeat(90);

        assertThatThrownBy(() -> DockerSettings.from(PluginSettings.of(Map.of("DataRootFolder", tooLong), Map.of())))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("DataRootFolder: expected a folder short enough for sandbox sockets")
                .hasMessageContaining("107-byte limit")
                .satisfies(e -> assertThat(((InvalidSettingException) e).key()).isEqualTo("DataRootFolder"));
    }

    private static PluginSettings docker(Map<String, Object> section) {
        return PluginSettings.of(Map.of("Docker", section), Map.of());
    }
}
