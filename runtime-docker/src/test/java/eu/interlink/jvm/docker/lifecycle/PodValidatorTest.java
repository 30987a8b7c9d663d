package eu.interlink.jvm.docker.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.docker.security.PodPolicy;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodValidatorTest {

    private final PodValidator validator = new PodValidator(new PodPolicy(false, Set.of(), false, List.of(), Path.of("/data")), Set.of());

    private static Container container(String name, String image) {
        return new ContainerBuilder().withName(name).withImage(image).build();
    }

    private static Pod pod(String namespace, List<Container> inits, List<Container> containers) {
        return new PodBuilder().withNewMetadata().withName("p").withNamespace(namespace).withUid("u-1").endMetadata()
                .withNewSpec().withInitContainers(inits).withContainers(containers).withRestartPolicy("Never").endSpec()
                .build();
    }

    @Test
    void aValidPodIsIdentifiedAndItsNamespaceDefaults() {
        PodIdentity identity = validator.validate(pod(null, List.of(), List.of(container("main", "busybox"))));

        assertThat(identity).isEqualTo(new PodIdentity("u-1", "default", "p"));
    }

    @Test
    void aProbeWithAnInvalidValueIsRefusedNamingTheField() {
        Container probed = new ContainerBuilder(container("main", "busybox"))
                .withNewReadinessProbe().withNewHttpGet().withPort(new IntOrString("web")).endHttpGet()
                .endReadinessProbe().build();

        assertThatThrownBy(() -> validator.validate(pod("ns", List.of(), List.of(probed))))
                .isInstanceOf(InvalidPodException.class)
                .hasMessage("spec.containers[0].readinessProbe.httpGet.port: no port of the container is named 'web'");
    }

    @Test
    void aPodNameNamespaceOrUidThatKubernetesWouldNotGiveIsRefusedForTheyBecomeFileAndDockerNames() {
        Pod base = pod("ns", List.of(), List.of(container("main", "busybox")));

        assertThatThrownBy(() -> validator.validate(new PodBuilder(base).editMetadata().withName("p$(id)").endMetadata()
                .build())).isInstanceOf(InvalidPodException.class).hasMessageStartingWith("metadata.name: 'p$(id)'");
        assertThatThrownBy(() -> validator.validate(new PodBuilder(base).editMetadata().withNamespace("../etc")
                .endMetadata().build())).hasMessageStartingWith("metadata.namespace: '../etc' is not a DNS-1123 label");
        assertThatThrownBy(() -> validator.validate(new PodBuilder(base).editMetadata().withUid("../../x").endMetadata()
                .build())).hasMessageStartingWith("metadata.uid: '../../x' is not a UID");
    }

    @Test
    void aQuantityThatIsNotOneOrIsNegativeIsRefusedNamingTheField() {
        Container garbled = new ContainerBuilder(container("main", "busybox")).withNewResources()
                .addToLimits("cpu", new Quantity("lots")).endResources().build();
        Container negative = new ContainerBuilder(container("main", "busybox")).withNewResources()
                .addToRequests("memory", new Quantity("-1Gi")).endResources().build();

        assertThatThrownBy(() -> validator.validate(pod("ns", List.of(), List.of(garbled))))
                .isInstanceOf(InvalidPodException.class)
                .hasMessageStartingWith("spec.containers[0].resources.limits.cpu: '")
                .hasMessageEndingWith("' is not a non-negative quantity");
        assertThatThrownBy(() -> validator.validate(pod("ns", List.of(), List.of(negative))))
                .hasMessageStartingWith("spec.containers[0].resources.requests.memory: '-1Gi'");
    }

    @Test
    void anEnvNameWithAnEqualsSignOrAZeroDivisorIsRefusedNamingTheField() {
        Container equals = new ContainerBuilder(container("main", "busybox")).addNewEnv().withName("A=B").withValue("x")
                .endEnv().build();
        Container zero = new ContainerBuilder(container("main", "busybox")).addNewEnv().withName("MEM")
                .withNewValueFrom().withNewResourceFieldRef().withResource("limits.memory")
                .withDivisor(new Quantity("0")).endResourceFieldRef().endValueFrom().endEnv().build();

        assertThatThrownBy(() -> validator.validate(pod("ns", List.of(), List.of(equals))))
                .isInstanceOf(InvalidPodException.class)
                .hasMessage("spec.containers[0].env[0].name: 'A=B' is not an environment variable name (printable ASCII"
                        + " without '=')");
        assertThatThrownBy(() -> validator.validate(pod("ns", List.of(zero), List.of(container("main", "busybox")))))
                .hasMessage("spec.initContainers[0].env[0].valueFrom.resourceFieldRef.divisor: '0' is not a positive"
                        + " quantity");
    }

    @Test
    void aPodNeedsAContainer() {
        assertThatThrownBy(() -> validator.validate(pod("ns", List.of(container("init", "busybox")), List.of())))
                .isInstanceOf(InvalidPodException.class)
                .hasMessage("spec.containers: at least one container is required");
    }

    @Test
    void containerNamesAreUniqueAcrossInitAndRegularContainers() {
        assertThatThrownBy(() -> validator.validate(pod("ns", List.of(container("x", "busybox")),
                List.of(container("x", "busybox")))))
                .isInstanceOf(InvalidPodException.class)
                .hasMessage("spec.containers[0].name: 'x' is used by another container");
    }

    @Test
    void aContainerNameThatIsNoDnsLabelIsRefusedForItBecomesAFileName() {
        for (String name : List.of("../../../../etc/cron.d/x", "Main", "a_b", "-a", "a".repeat(64))) {
            assertThatThrownBy(() -> validator.validate(pod("ns", List.of(), List.of(container(name, "busybox")))))
                    .isInstanceOf(InvalidPodException.class)
                    .hasMessageStartingWith("spec.containers[0].name: '" + name + "' is not a DNS-1123 label");
        }
    }

    @Test
    void everyContainerNamesAnImage() {
        assertThatThrownBy(() -> validator.validate(pod("ns", List.of(container("init", " ")),
                List.of(container("main", "busybox")))))
                .isInstanceOf(InvalidPodException.class)
                .hasMessage("spec.initContainers[0].image: required");
    }

    @Test
    void anImageThatIsNotAnImageReferenceIsRefusedBeforeAnythingRuns() {
        assertThatThrownBy(() -> validator.validate(pod("ns", List.of(), List.of(container("main", "busybox; reboot")))))
                .isInstanceOf(InvalidPodException.class)
                .hasMessage("spec.containers[0].image: 'busybox; reboot' is not an image reference");
    }

    @Test
    void aDeleteNeedsOnlyAUid() {
        Pod onlyUid = new PodBuilder().withNewMetadata().withUid("u-2").endMetadata().build();

        assertThat(validator.identify(onlyUid).uid()).isEqualTo("u-2");
        assertThatThrownBy(() -> validator.identify(new PodBuilder().withNewMetadata().withName("p").endMetadata().build()))
                .isInstanceOf(InvalidPodException.class)
                .hasMessage("metadata.uid: required");
    }

    @Test
    void everyFieldTheRuntimeCannotHonourYetIsListedInOneLine() {
        Pod pod = new PodBuilder()
                .withNewMetadata().withName("p").withNamespace("ns").withUid("u-1").endMetadata()
                .withNewSpec()
                .addNewVolume().withName("kube-api-access-x7k2").withNewProjected().endProjected().endVolume()
                .addNewVolume().withName("scratch").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewInitContainer().withName("setup").withImage("busybox")
                .addNewVolumeMount().withName("scratch").withMountPath("/scratch").endVolumeMount()
                .addNewVolumeDevice().withName("scratch").withDevicePath("/dev/x").endVolumeDevice()
                .withNewReadinessProbe().withNewExec().withCommand("true").endExec().endReadinessProbe()
                .withRestartPolicy("Always")
                .endInitContainer()
                .addNewContainer().withName("app").withImage("busybox").withImagePullPolicy("Always")
                .addNewEnv().withName("POD_NAME").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name")
                .endFieldRef().endValueFrom().endEnv()
                .addNewEnvFrom().withNewConfigMapRef().withName("settings").endConfigMapRef().endEnvFrom()
                .withNewResources()
                .withLimits(Map.of("memory", new Quantity("64Mi"), "ephemeral-storage", new Quantity("1Gi")))
                .withRequests(Map.of("cpu", new Quantity("100m"), "nvidia.com/gpu", new Quantity("1")))
                .endResources()
                .withNewLivenessProbe().withNewGrpc().withPort(9000).endGrpc().endLivenessProbe()
                .withNewReadinessProbe().withNewExec().withCommand("true").endExec().endReadinessProbe()
                .withNewLifecycle().withNewPreStop().withNewTcpSocket().withPort(new IntOrString(80)).endTcpSocket()
                .endPreStop().endLifecycle()
                .withNewSecurityContext().withRunAsUser(1000L).endSecurityContext()
                .addNewPort().withName("http").withContainerPort(8080).withHostPort(80).endPort()
                .endContainer()
                .withRestartPolicy("OnFailure")
                .withHostNetwork(true)
                .withHostPID(true)
                .withHostIPC(true)
                .withNewSecurityContext().withFsGroup(2000L).endSecurityContext()
                .withShareProcessNamespace(true)
                .addNewHostAlias().withIp("10.0.0.1").withHostnames("db").endHostAlias()
                .withNewDnsConfig().withNameservers("10.0.0.53").endDnsConfig()
                .endSpec()
                .build();

        assertThatThrownBy(() -> validator.validate(pod))
                .isInstanceOf(InvalidPodException.class)
                .hasMessage("pod ns/p (u-1) asks for what this runtime does not support yet: "
                        + "spec.initContainers[setup].volumeDevices, "
                        + "spec.initContainers[setup].readinessProbe, "
                        + "spec.initContainers[setup].restartPolicy Always (sidecar containers), "
                        + "spec.containers[app].resources.limits[ephemeral-storage], "
                        + "spec.containers[app].resources.requests[nvidia.com/gpu] (extended resource: no accelerator serves "
                        + "nvidia.com/gpu; none is installed), "
                        + "spec.containers[app].livenessProbe.grpc (gRPC probes are not supported), "
                        + "spec.containers[app].lifecycle.preStop.tcpSocket (deprecated in lifecycle hooks, which"
                        + " kubelet does not run either), "
                        + "spec.hostNetwork, "
                        + "spec.hostPID, "
                        + "spec.hostIPC, "
                        + "spec.shareProcessNamespace");
    }

    @Test
    void securityContextFieldsThatCannotBeAppliedAreNamedWithWhy() {
        Pod pod = new PodBuilder(pod("ns", List.of(), List.of(container("app", "busybox"))))
                .editSpec()
                .withNewSecurityContext().withRunAsUser(1000L).withFsGroup(2000L).withFsGroupChangePolicy("OnRootMismatch")
                .withNewSeLinuxOptions().withLevel("s0:c1").endSeLinuxOptions()
                .withSupplementalGroupsPolicy("Strict")
                .addNewSysctl("kernel.shm_rmid_forced", "1").addNewSysctl("net.ipv4.ip_forward", "1")
                .addNewSysctl("vm.swappiness", "10")
                .endSecurityContext()
                .editFirstContainer().withNewSecurityContext().withReadOnlyRootFilesystem(true)
                .withNewSeccompProfile().withType("Localhost").withLocalhostProfile("p.json").endSeccompProfile()
                .withProcMount("Unmasked").endSecurityContext().endContainer()
                .endSpec().build();

        assertThatThrownBy(() -> validator.validate(pod))
                .isInstanceOf(InvalidPodException.class)
                .hasMessage("pod ns/p (u-1) asks for what this runtime does not support yet: "
                        + "spec.containers[app].securityContext.seccompProfile Localhost (the sandboxes hold no profiles;"
                        + " RuntimeDefault and Unconfined are supported), "
                        + "spec.containers[app].securityContext.procMount Unmasked, "
                        + "spec.securityContext.seLinuxOptions (the sandboxes' engines label nothing), "
                        + "spec.securityContext.supplementalGroupsPolicy Strict (the image's own groups are always added), "
                        + "spec.securityContext.sysctls[net.ipv4.ip_forward] (the pod's network namespace is its"
                        + " sandbox's, made before the pod), "
                        + "spec.securityContext.sysctls[vm.swappiness] (only the IPC sysctls kernel.shm*, kernel.msg*,"
                        + " kernel.sem and fs.mqueue.* are set per container)");
    }

    @Test
    void whatTheOperatorDoesNotAllowIsRefusedNamingTheSettingThatWouldAllowIt() {
        Pod pod = new PodBuilder(pod("ns", List.of(), List.of(container("app", "busybox"))))
                .editSpec()
                .addNewVolume().withName("host").withNewHostPath().withPath("/srv").endHostPath().endVolume()
                .editFirstContainer().withNewSecurityContext().withPrivileged(true)
                .withNewCapabilities().withAdd("CAP_SYS_TIME", "NET_BIND_SERVICE", "BOGUS").withDrop("ALL")
                .endCapabilities().endSecurityContext().endContainer()
                .endSpec().build();

        assertThatThrownBy(() -> validator.validate(pod))
                .isInstanceOf(InvalidPodException.class)
                .hasMessage("pod ns/p (u-1) asks for what the operator does not allow: "
                        + "spec.containers[app].securityContext.privileged: refused: the operator's"
                        + " Docker.AllowPrivilegedPods is false; "
                        + "spec.containers[app].securityContext.capabilities.add[CAP_SYS_TIME]: refused: the operator's"
                        + " Docker.AllowedCapabilities does not list SYS_TIME; "
                        + "spec.containers[app].securityContext.capabilities.add[BOGUS]: not a Linux capability; "
                        + "spec.volumes[host].hostPath: refused: the operator's Docker.AllowHostPath is false");
    }

    @Test
    void anOperatorWhoAllowsThemLetsPrivilegedPodsCapabilitiesAndHostPathsUnderItsPrefixesThrough() {
        PodValidator permissive = new PodValidator(new PodPolicy(true, Set.of("CAP_SYS_TIME"), true,
                List.of(Path.of("/srv")), Path.of("/data")), Set.of());
        Pod pod = new PodBuilder(pod("ns", List.of(), List.of(container("app", "busybox"))))
                .editSpec()
                .addNewVolume().withName("ok").withNewHostPath().withPath("/srv/in").endHostPath().endVolume()
                .editFirstContainer().withNewSecurityContext().withPrivileged(true)
                .withNewCapabilities().withAdd("sys_time").endCapabilities().endSecurityContext().endContainer()
                .endSpec().build();

        assertThat(permissive.validate(pod)).isEqualTo(new PodIdentity("u-1", "ns", "p"));

        Pod outside = new PodBuilder(pod).editSpec()
                .addNewVolume().withName("etc").withNewHostPath().withPath("/etc/ssl").endHostPath().endVolume()
                .addNewVolume().withName("var").withNewHostPath().withPath("/var").endHostPath().endVolume()
                .addNewVolume().withName("data").withNewHostPath().withPath("/data/sandboxes").endHostPath().endVolume()
                .endSpec().build();
        PodValidator anywhere = new PodValidator(new PodPolicy(false, Set.of(), true, List.of(), Path.of("/data")), Set.of());
        assertThatThrownBy(() -> permissive.validate(outside))
                .hasMessageContaining("spec.volumes[etc].hostPath.path: refused: /etc/ssl is in none of the operator's"
                        + " Docker.HostPathPrefixes (/srv)");
        assertThatThrownBy(() -> anywhere.validate(new PodBuilder(outside).editSpec().editFirstContainer()
                .withSecurityContext(null).endContainer().endSpec().build()))
                .hasMessage("pod ns/p (u-1) asks for what the operator does not allow: "
                        + "spec.volumes[var].hostPath.path: /var cannot be mounted into a sandbox at the same path: it"
                        + " would cover the sandbox's own /var/lib/docker; "
                        + "spec.volumes[data].hostPath.path: refused: /data/sandboxes reaches the sandboxes' folder"
                        + " (DataRootFolder)");
    }

    @Test
    void everyRestartPolicyIsAcceptedAndNoneMeansKubernetesDefault() {
        for (String policy : new String[] {"Always", "OnFailure", "Never", null}) {
            Pod pod = new PodBuilder(pod("ns", List.of(), List.of(container("main", "busybox"))))
                    .editSpec().withRestartPolicy(policy).endSpec().build();

            assertThat(validator.validate(pod)).as("restartPolicy %s", policy).isEqualTo(new PodIdentity("u-1", "ns", "p"));
        }
    }

    @Test
    void aRestartPolicyKubernetesDoesNotKnowIsRefused() {
        Pod pod = new PodBuilder(pod("ns", List.of(), List.of(container("main", "busybox"))))
                .editSpec().withRestartPolicy("Sometimes").endSpec().build();

        assertThatThrownBy(() -> validator.validate(pod))
                .isInstanceOf(InvalidPodException.class)
                .hasMessage("spec.restartPolicy: 'Sometimes' is not Always, OnFailure or Never");
    }

    @Test
    void fieldsThatChangeNothingHereAreAccepted() {
        Pod pod = new PodBuilder()
                .withNewMetadata().withName("p").withNamespace("ns").withUid("u-1")
                .withLabels(Map.of("app", "demo")).withAnnotations(Map.of("note", "x")).endMetadata()
                .withNewSpec()
                .addNewContainer().withName("app").withImage("busybox").withImagePullPolicy("IfNotPresent")
                .withTerminationMessagePath("/dev/termination-log").withTerminationMessagePolicy("File")
                .withNewResources()
                .withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("64Mi"),
                        "ephemeral-storage", new Quantity("1Gi")))
                .endResources()
                .addNewPort().withContainerPort(8080).endPort()
                .withNewSecurityContext().endSecurityContext()
                .withStdin(false)
                .endContainer()
                .withRestartPolicy("Never")
                .withDnsPolicy("ClusterFirst")
                .withSchedulerName("default-scheduler")
                .withTolerations(new Toleration("NoSchedule", "virtual-node.interlink/no-schedule", "Exists", null, null))
                .withNodeName("interlink-node")
                .withServiceAccountName("default")
                .withPriority(0)
                .withEnableServiceLinks(true)
                .withPreemptionPolicy("PreemptLowerPriority")
                .withTerminationGracePeriodSeconds(30L)
                .withNewSecurityContext().endSecurityContext()
                .withHostNetwork(false)
                .endSpec()
                .build();

        assertThat(validator.validate(pod)).isEqualTo(new PodIdentity("u-1", "ns", "p"));
    }
}
