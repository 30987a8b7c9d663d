package eu.interlink.jvm.docker.volumes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.api.wire.RetrievedContainer;
import eu.interlink.jvm.docker.sandbox.SandboxNeeds;
import eu.interlink.jvm.docker.spec.SentObjects;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VolumePlannerTest {

    private final VolumePlanner planner = new VolumePlanner();

    private static final ConfigMap APP_CONFIG = new ConfigMapBuilder().withNewMetadata().withName("app-config").endMetadata()
            .withData(Map.of("app.conf", "lr=0.1\n", "other.conf", "x"))
            .withBinaryData(Map.of("weights.bin", "AAECAw==")).build();
    private static final Secret CREDS = new SecretBuilder().withNewMetadata().withName("creds").endMetadata()
            .withData(Map.of("password", "czNjcjN0")).build();
    private static final ConfigMap TOKEN = new ConfigMapBuilder().withNewMetadata().withName("kube-api-access-x7k2")
            .endMetadata().withData(Map.of("token", "eyJ.x.y", "ca.crt", "-----BEGIN-----\n", "namespace", "ns")).build();

    @Test
    void turnsConfigMapsSecretsProjectedVolumesAndEmptyDirsIntoFilesAndFolders() {
        Pod pod = pod("""
                volumes:
                - {name: config, configMap: {name: app-config}}
                - {name: creds, secret: {secretName: creds, defaultMode: 256}}
                - {name: kube-api-access-x7k2, projected: {sources: [{serviceAccountToken: {path: token}}]}}
                - {name: scratch, emptyDir: {}}
                - {name: unused, emptyDir: {}}
                containers:
                - name: app
                  image: busybox
                  volumeMounts:
                  - {name: config, mountPath: /etc/app, readOnly: true}
                  - {name: creds, mountPath: /var/run/creds}
                  - {name: kube-api-access-x7k2, mountPath: /var/run/secrets/kubernetes.io/serviceaccount}
                  - {name: scratch, mountPath: /scratch, subPath: app}
                - name: sidecar
                  image: busybox
                  volumeMounts:
                  - {name: scratch, mountPath: /shared}
                """);

        VolumePlan plan = planner.plan(pod, SentObjects.of(List.of(
                sent("app", List.of(APP_CONFIG), List.of(CREDS), List.of(TOKEN)), sent("sidecar", List.of(), List.of(), List.of()))));

        assertThat(plan.volumes()).extracting(VolumeContent::name)
                .containsExactly("config", "creds", "kube-api-access-x7k2", "scratch");
        VolumeContent.Files config = (VolumeContent.Files) plan.volumes().get(0);
        assertThat(config.files()).extracting(VolumeFile::path).containsExactlyInAnyOrder("app.conf", "other.conf", "weights.bin");
        assertThat(file(config, "app.conf").content()).isEqualTo("lr=0.1\n".getBytes(UTF_8));
        assertThat(file(config, "weights.bin").content()).containsExactly(0, 1, 2, 3);
        assertThat(file(config, "app.conf").mode()).isEqualTo(0644);
        VolumeContent.Files creds = (VolumeContent.Files) plan.volumes().get(1);
        assertThat(file(creds, "password").content()).isEqualTo("s3cr3t".getBytes(UTF_8));
        assertThat(file(creds, "password").mode()).isEqualTo(0400);
        VolumeContent.Files token = (VolumeContent.Files) plan.volumes().get(2);
        assertThat(file(token, "ca.crt").content()).isEqualTo("-----BEGIN-----\n".getBytes(UTF_8));
        assertThat(plan.volumes().get(3)).isEqualTo(new VolumeContent.EmptyDir("scratch"));

        assertThat(plan.mountsOf("app")).containsExactly(
                new MountSpec("config", "", "/etc/app", true),
                new MountSpec("creds", "", "/var/run/creds", false),
                new MountSpec("kube-api-access-x7k2", "", "/var/run/secrets/kubernetes.io/serviceaccount", false),
                new MountSpec("scratch", "app", "/scratch", false));
        assertThat(plan.mountsOf("sidecar")).containsExactly(new MountSpec("scratch", "", "/shared", false));
    }

    @Test
    void putsOnlyTheListedItemsAtTheirPathsWithTheirModes() {
        Pod pod = pod("""
                volumes:
                - name: config
                  configMap:
                    name: app-config
                    defaultMode: 384
                    items: [{key: app.conf, path: conf/app.conf}, {key: weights.bin, path: w.bin, mode: 292}]
                containers:
                - {name: app, image: busybox, volumeMounts: [{name: config, mountPath: /etc/app}]}
                """);

        VolumePlan plan = planner.plan(pod, SentObjects.of(List.of(sent("app", List.of(APP_CONFIG), List.of(), List.of()))));

        VolumeContent.Files config = (VolumeContent.Files) plan.volumes().get(0);
        assertThat(config.files()).extracting(VolumeFile::path, VolumeFile::mode)
                .containsExactly(tuple("conf/app.conf", 0600), tuple("w.bin", 0444));
    }

    @Test
    void plansNothingForAPodWithoutVolumes() {
        Pod pod = pod("containers: [{name: app, image: busybox}]");

        assertThat(planner.plan(pod, SentObjects.of(List.of()))).isEqualTo(VolumePlan.NONE);
    }

    @Test
    void mountsAnOptionalObjectThatWasNotSentEmpty() {
        Pod pod = pod("""
                volumes: [{name: maybe, configMap: {name: absent, optional: true}}]
                containers: [{name: app, image: busybox, volumeMounts: [{name: maybe, mountPath: /maybe}]}]
                """);

        VolumePlan plan = planner.plan(pod, SentObjects.of(List.of()));

        assertThat(plan.volumes()).containsExactly(new VolumeContent.Files("maybe", List.of()));
    }

    @Test
    void refusesItemPathsThatLeaveTheVolume() {
        Pod pod = pod("""
                volumes:
                - name: config
                  configMap:
                    name: app-config
                    items: [{key: app.conf, path: ../../etc/passwd}, {key: other.conf, path: /etc/shadow}, {key: weights.bin, path: a/../../b}]
                containers: [{name: app, image: busybox, volumeMounts: [{name: config, mountPath: /etc/app, subPath: ../up}]}]
                """);

        assertThatThrownBy(() -> planner.plan(pod, SentObjects.of(List.of(sent("app", List.of(APP_CONFIG), List.of(), List.of())))))
                .isInstanceOf(InvalidPodException.class)
                .hasMessageContaining("containers[app].volumeMounts[config]: subPath '../up' contains '..'")
                .hasMessageContaining("spec.volumes[config]: path '../../etc/passwd' contains '..'")
                .hasMessageContaining("spec.volumes[config]: path '/etc/shadow' is absolute")
                .hasMessageContaining("spec.volumes[config]: path 'a/../../b' contains '..'");
    }

    @Test
    void namesEveryProblemInOneMessage() {
        Pod pod = pod("""
                volumes:
                - {name: cm, configMap: {name: not-sent}}
                - {name: sec, secret: {secretName: bad-data}}
                - {name: host, hostPath: {path: etc/../x, type: Folder}}
                - {name: huge, emptyDir: {medium: HugePages-2Mi}}
                - {name: disk, gcePersistentDisk: {pdName: d}}
                - {name: BadName, emptyDir: {}}
                containers:
                - name: app
                  image: busybox
                  volumeMounts:
                  - {name: cm, mountPath: /cm}
                  - {name: sec, mountPath: /sec}
                  - {name: host, mountPath: /host}
                  - {name: huge, mountPath: /huge}
                  - {name: disk, mountPath: /disk}
                  - {name: nowhere, mountPath: /nowhere}
                  - {name: cm, mountPath: relative}
                """);
        Secret badData = new SecretBuilder().withNewMetadata().withName("bad-data").endMetadata()
                .withData(Map.of("key", "not base64!")).build();

        assertThatThrownBy(() -> planner.plan(pod, SentObjects.of(List.of(sent("app", List.of(), List.of(badData), List.of())))))
                .isInstanceOf(InvalidPodException.class)
                .hasMessageContaining("spec.volumes[cm]: ConfigMap not-sent was not sent with the pod")
                .hasMessageContaining("spec.volumes[sec]: Secret bad-data data[key] is not base64")
                .hasMessageContaining("spec.volumes[host].hostPath.type: expected one of [, DirectoryOrCreate, Directory,"
                        + " FileOrCreate, File, Socket, CharDevice, BlockDevice], got 'Folder'")
                .hasMessageContaining("spec.volumes[host].hostPath.path: expected an absolute path without '..', got"
                        + " 'etc/../x'")
                .hasMessageContaining("spec.volumes[huge]: emptyDir medium HugePages-2Mi is not supported (\"\" and"
                        + " Memory are)")
                .hasMessageContaining("spec.volumes[disk]: volume type gcePersistentDisk is not supported")
                .hasMessageContaining("spec.volumes[BadName]: a volume name must be a DNS label")
                .hasMessageContaining("containers[app].volumeMounts[nowhere]: the pod has no volume of that name")
                .hasMessageContaining("containers[app].volumeMounts[cm]: mountPath must be an absolute path, got 'relative'")
                .hasMessageNotContaining("\n");
    }

    @Test
    void refusesAnItemWhoseKeyTheObjectLacksUnlessOptional() {
        Pod pod = pod("""
                volumes: [{name: config, configMap: {name: app-config, items: [{key: missing, path: m}]}}]
                containers: [{name: app, image: busybox, volumeMounts: [{name: config, mountPath: /etc/app}]}]
                """);

        assertThatThrownBy(() -> planner.plan(pod, SentObjects.of(List.of(sent("app", List.of(APP_CONFIG), List.of(), List.of())))))
                .hasMessage("spec.volumes[config].items[missing]: no such key");
    }

    @Test
    void aMemoryEmptyDirIsSizedByItsLimitAndTakesNoSubPath() {
        Pod pod = pod("""
                volumes:
                - {name: ram, emptyDir: {medium: Memory, sizeLimit: 64Mi}}
                - {name: unbounded, emptyDir: {medium: Memory}}
                containers:
                - name: app
                  image: busybox
                  volumeMounts: [{name: ram, mountPath: /ram}, {name: unbounded, mountPath: /more}]
                """);

        assertThat(planner.plan(pod, SentObjects.of(List.of())).volumes()).containsExactly(
                new VolumeContent.MemoryDir("ram", 64L * 1024 * 1024), new VolumeContent.MemoryDir("unbounded", null));

        Pod withSubPath = pod("""
                volumes: [{name: ram, emptyDir: {medium: Memory}}]
                containers: [{name: app, image: busybox, volumeMounts: [{name: ram, mountPath: /ram, subPath: x}]}]
                """);
        assertThatThrownBy(() -> planner.plan(withSubPath, SentObjects.of(List.of())))
                .hasMessage("containers[app].volumeMounts[ram]: subPath is not supported on emptyDir medium Memory volumes");
    }

    @Test
    void aHostPathIsKeptAsAPathOfTheHostThatTheSandboxMustHave() {
        Pod pod = pod("""
                volumes: [{name: data, hostPath: {path: /srv/data/./in, type: DirectoryOrCreate}}]
                containers: [{name: app, image: busybox, volumeMounts: [{name: data, mountPath: /data, readOnly: true}]}]
                """);

        VolumePlan plan = planner.plan(pod, SentObjects.of(List.of()));

        assertThat(plan.volumes()).containsExactly(
                new VolumeContent.HostPath("data", java.nio.file.Path.of("/srv/data/in"), "DirectoryOrCreate"));
        assertThat(plan.hostPaths()).containsExactly(new SandboxNeeds.HostBind(java.nio.file.Path.of("/srv/data/in"),
                java.nio.file.Path.of("/srv/data/in"), true));
    }

    @Test
    void aHostPathIsBoundReadOnlyOnlyWhenEveryMountOfItIsReadOnly() {
        Pod pod = pod("""
                volumes:
                - {name: shared, hostPath: {path: /srv/shared}}
                - {name: again, hostPath: {path: /srv/shared}}
                - {name: logs, hostPath: {path: /srv/logs}}
                containers:
                - name: app
                  image: busybox
                  volumeMounts:
                  - {name: shared, mountPath: /shared, readOnly: true}
                  - {name: logs, mountPath: /logs, readOnly: true}
                - name: writer
                  image: busybox
                  volumeMounts: [{name: again, mountPath: /shared}, {name: logs, mountPath: /logs, readOnly: true}]
                """);

        assertThat(planner.plan(pod, SentObjects.of(List.of())).hostPaths()).extracting(SandboxNeeds.HostBind::path,
                SandboxNeeds.HostBind::readOnly).containsExactly(tuple(java.nio.file.Path.of("/srv/shared"), false),
                tuple(java.nio.file.Path.of("/srv/logs"), true));
    }

    @Test
    void aDownwardApiVolumeRendersLabelsAndAnnotationsAsKubeletDoes() {
        Pod pod = new PodBuilder(pod("""
                volumes:
                - name: info
                  downwardAPI:
                    defaultMode: 0440
                    items:
                    - {path: labels, fieldRef: {fieldPath: metadata.labels}}
                    - {path: annotations, fieldRef: {fieldPath: metadata.annotations}, mode: 0400}
                    - {path: meta/name, fieldRef: {fieldPath: metadata.name}}
                    - {path: tier, fieldRef: {fieldPath: "metadata.labels['tier']"}}
                    - {path: mem, resourceFieldRef: {containerName: app, resource: limits.memory, divisor: 1Mi}}
                containers:
                - name: app
                  image: busybox
                  resources: {limits: {memory: 64Mi}}
                  volumeMounts: [{name: info, mountPath: /etc/podinfo}]
                """)).editMetadata().withLabels(Map.of("tier", "web", "app", "demo"))
                .withAnnotations(Map.of("note", "say \"hi\"\nbye", "build", "42")).endMetadata().build();

        VolumeContent.Files info = (VolumeContent.Files) planner.plan(pod, SentObjects.of(List.of())).volumes().get(0);

        assertThat(info.files()).extracting(VolumeFile::path, f -> new String(f.content(), UTF_8), VolumeFile::mode)
                .containsExactly(
                        tuple("labels", "app=\"demo\"\ntier=\"web\"", 0440),
                        tuple("annotations", "build=\"42\"\nnote=\"say \\\"hi\\\"\\nbye\"", 0400),
                        tuple("meta/name", "p", 0440),
                        tuple("tier", "web", 0440),
                        tuple("mem", "64", 0440));
    }

    @Test
    void aDownwardApiItemThatCannotBeRenderedIsNamed() {
        Pod pod = pod("""
                volumes:
                - name: info
                  downwardAPI:
                    items:
                    - {path: ip, fieldRef: {fieldPath: status.podIP}}
                    - {path: cpu, resourceFieldRef: {containerName: ghost, resource: limits.cpu}}
                    - {path: ../out, fieldRef: {fieldPath: metadata.name}}
                containers: [{name: app, image: busybox, volumeMounts: [{name: info, mountPath: /info}]}]
                """);

        assertThatThrownBy(() -> planner.plan(pod, SentObjects.of(List.of())))
                .hasMessage("spec.volumes[info].downwardAPI.items[ip]: fieldRef status.podIP is not supported in a"
                        + " downwardAPI volume (metadata.name, .namespace, .uid, .labels and .annotations are); "
                        + "spec.volumes[info].downwardAPI.items[cpu]: resourceFieldRef names no container of the pod"
                        + " ('ghost'); spec.volumes[info].downwardAPI.items[../out]: path contains '..'");
    }

    @Test
    void aConfigMapKeyInBothDataAndBinaryDataIsRefused() {
        ConfigMap both = new ConfigMapBuilder().withNewMetadata().withName("both").endMetadata()
                .withData(Map.of("k", "text")).withBinaryData(Map.of("k", "AAE=")).build();
        Pod pod = pod("""
                volumes: [{name: cm, configMap: {name: both}}]
                containers: [{name: app, image: busybox, volumeMounts: [{name: cm, mountPath: /cm}]}]
                """);

        assertThatThrownBy(() -> planner.plan(pod, SentObjects.of(List.of(sent("app", List.of(both), List.of(), List.of())))))
                .hasMessage("spec.volumes[cm]: ConfigMap both has key k in both data and binaryData");
    }

    private static VolumeFile file(VolumeContent.Files volume, String path) {
        return volume.files().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
    }

    private static RetrievedContainer sent(String name, List<ConfigMap> configMaps, List<Secret> secrets,
            List<ConfigMap> projected) {
        return new RetrievedContainer(name, configMaps, secrets, projected, null);
    }

    private static PodSpec readSpec(String yaml) {
        try {
            return new YAMLMapper().readValue(yaml, PodSpec.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Pod pod(String specYaml) {
        return new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").withUid("u-1").endMetadata()
                .withSpec(readSpec(specYaml)).build();
    }
}
