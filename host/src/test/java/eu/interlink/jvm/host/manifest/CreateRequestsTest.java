package eu.interlink.jvm.host.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import eu.interlink.jvm.api.wire.RetrievedContainer;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import eu.interlink.jvm.api.wire.WireFormat;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The create request built from a manifest: what each container's entry holds, and the pod as interLink sends it. */
class CreateRequestsTest {

    private static final String OBJECTS = """
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings}
            data: {mode: fast, level: "3"}
            binaryData: {blob: AAEC}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: unused}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: creds}
            stringData: {user: admin, password: s3cret}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: tls}
            stringData: {tls.key: KEY}
            """;

    private final ManifestReader reader = new ManifestReader();

    @Test
    void gives_each_container_the_objects_it_uses_init_containers_first() {
        RetrievedPodData request = CreateRequests.of(manifest("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web}
                spec:
                  initContainers:
                    - name: setup
                      image: busybox
                      volumeMounts: [{name: certs, mountPath: /certs}]
                  containers:
                    - name: main
                      image: busybox
                      volumeMounts: [{name: config, mountPath: /etc/app}, {name: again, mountPath: /etc/again}]
                      env:
                        - name: PASSWORD
                          valueFrom: {secretKeyRef: {name: creds, key: password}}
                    - name: sidecar
                      image: busybox
                      volumeMounts: [{name: scratch, mountPath: /tmp}]
                  volumes:
                    - {name: certs, secret: {secretName: tls}}
                    - {name: config, configMap: {name: settings}}
                    - {name: again, configMap: {name: settings}}
                    - {name: scratch, emptyDir: {}}
                    - {name: idle, configMap: {name: unused}}
                """));

        assertThat(request.container()).extracting(RetrievedContainer::name)
                .containsExactly("setup", "main", "sidecar");
        RetrievedContainer setup = request.container().get(0);
        assertThat(names(setup.secrets())).containsExactly("tls");
        assertThat(setup.configMaps()).isEmpty();
        RetrievedContainer main = request.container().get(1);
        assertThat(names(main.configMaps())).containsExactly("settings");
        assertThat(names(main.secrets())).containsExactly("creds");
        assertThat(main.projectedVolumeMaps()).isEmpty();
        RetrievedContainer sidecar = request.container().get(2);
        assertThat(sidecar.configMaps()).isEmpty();
        assertThat(sidecar.secrets()).isEmpty();
        assertThat(sidecar.emptyDirs()).isEmpty();
        assertThat(request.podUid()).isEqualTo(request.pod().getMetadata().getUid()).isNotBlank();
    }

    @Test
    void sends_the_image_pull_secrets_the_manifest_defines_with_every_container() {
        RetrievedPodData request = CreateRequests.of(manifest("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web}
                spec:
                  imagePullSecrets: [{name: creds}, {name: not-in-the-manifest}]
                  initContainers:
                    - {name: setup, image: registry.example/setup}
                  containers:
                    - {name: main, image: registry.example/app}
                """));

        assertThat(request.container()).allSatisfy(container ->
                assertThat(names(container.secrets())).containsExactly("creds"));
    }

    @Test
    void flattens_env_from_into_env_sorted_prefixed_and_overridden_by_later_entries() {
        RetrievedPodData request = CreateRequests.of(manifest("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web}
                spec:
                  containers:
                    - name: main
                      image: busybox
                      envFrom:
                        - configMapRef: {name: settings}
                          prefix: APP_
                        - secretRef: {name: creds}
                        - configMapRef: {name: absent, optional: true}
                        - configMapRef: {name: settings}
                      env:
                        - {name: user, value: root}
                        - name: NODE
                          valueFrom: {fieldRef: {fieldPath: spec.nodeName}}
                """));

        Container main = request.pod().getSpec().getContainers().get(0);
        assertThat(main.getEnv()).extracting(EnvVar::getName, EnvVar::getValue).containsExactly(
                tuple("APP_level", "3"),
                tuple("APP_mode", "fast"),
                tuple("password", "s3cret"),
                tuple("user", "root"),
                tuple("level", "3"),
                tuple("mode", "fast"),
                tuple("NODE", null));
        assertThat(main.getEnv().get(6).getValueFrom().getFieldRef().getFieldPath()).isEqualTo("spec.nodeName");
        assertThat(main.getEnvFrom()).isEmpty();
        assertThat(request.container().get(0).configMaps()).isEmpty();
    }

    @Test
    void sends_each_mounted_projected_volume_as_a_config_map_of_paths() {
        RetrievedPodData request = CreateRequests.of(manifest("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  namespace: team
                  labels: {tier: front, app: web}
                spec:
                  containers:
                    - name: main
                      image: busybox
                      volumeMounts: [{name: bundle, mountPath: /bundle}]
                      resources: {limits: {memory: 64Mi}}
                    - name: other
                      image: busybox
                  volumes:
                    - name: bundle
                      projected:
                        sources:
                          - configMap:
                              name: settings
                              items: [{key: mode, path: conf/mode.txt}, {key: blob, path: blob.bin}]
                          - secret: {name: creds}
                          - configMap: {name: absent, optional: true}
                          - serviceAccountToken: {path: token}
                          - downwardAPI:
                              items:
                                - {path: name, fieldRef: {fieldPath: metadata.name}}
                                - {path: labels, fieldRef: {fieldPath: metadata.labels}}
                                - {path: uid, fieldRef: {fieldPath: metadata.uid}}
                                - path: memory
                                  resourceFieldRef: {containerName: main, resource: limits.memory, divisor: 1Mi}
                """, "team"));

        RetrievedContainer main = request.container().get(0);
        assertThat(main.projectedVolumeMaps()).singleElement().satisfies(projected -> {
            assertThat(projected.getMetadata().getName()).isEqualTo("bundle");
            assertThat(projected.getData()).containsExactly(
                    Map.entry("conf/mode.txt", "fast"),
                    Map.entry("user", "admin"),
                    Map.entry("password", "s3cret"),
                    Map.entry("name", "web"),
                    Map.entry("labels", "app=\"web\"\ntier=\"front\""),
                    Map.entry("uid", request.podUid()),
                    Map.entry("memory", "64"));
            assertThat(projected.getBinaryData()).containsExactly(Map.entry("blob.bin", "AAEC"));
        });
        assertThat(names(main.configMaps())).containsExactly("settings");
        assertThat(names(main.secrets())).containsExactly("creds");
        assertThat(request.container().get(1).projectedVolumeMaps()).isEmpty();
    }

    @Test
    void refuses_a_projected_key_the_object_lacks_unless_optional() {
        Manifest manifest = manifest("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web}
                spec:
                  containers: [{name: main, image: busybox, volumeMounts: [{name: p, mountPath: /p}]}]
                  volumes:
                    - name: p
                      projected:
                        sources: [{configMap: {name: settings, items: [{key: speed, path: speed}]}}]
                """);

        assertThatThrownBy(() -> CreateRequests.of(manifest))
                .isInstanceOf(ManifestException.class)
                .hasMessage("projected volume \"p\": ConfigMap \"settings\" has no key \"speed\"");
    }

    @Test
    void leaves_the_manifest_pod_unchanged() {
        Manifest manifest = manifest("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web}
                spec:
                  containers:
                    - name: main
                      image: busybox
                      envFrom: [{configMapRef: {name: settings}}]
                      env: [{name: mode, value: slow}]
                """);
        WireFormat wire = new WireFormat();
        String before = new String(wire.write(manifest.pod()));

        RetrievedPodData request = CreateRequests.of(manifest);

        assertThat(new String(wire.write(manifest.pod()))).isEqualTo(before);
        assertThat(manifest.pod().getSpec().getContainers().get(0).getEnvFrom()).hasSize(1);
        assertThat(request.pod()).isNotSameAs(manifest.pod());
        assertThat(request.pod().getSpec().getContainers().get(0).getEnv()).hasSize(2);
    }

    @Test
    void is_a_create_request_the_wire_format_reads_back() {
        Manifest manifest = manifest("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web}
                spec:
                  containers: [{name: main, image: busybox, volumeMounts: [{name: c, mountPath: /c}]}]
                  volumes: [{name: c, configMap: {name: settings}}]
                """);
        WireFormat wire = new WireFormat();

        RetrievedPodData read = wire.readCreateRequest(wire.write(CreateRequests.of(manifest)));

        assertThat(read.pod().getMetadata().getName()).isEqualTo("web");
        assertThat(names(read.container().get(0).configMaps())).containsExactly("settings");
    }

    private Manifest manifest(String pod) {
        return manifest(pod, "default");
    }

    private Manifest manifest(String pod, String namespace) {
        return reader.read(pod + OBJECTS.replace("metadata: {name: ", "metadata: {namespace: " + namespace
                + ", name: "), "pod.yaml");
    }

    private static List<String> names(List<? extends HasMetadata> objects) {
        return objects.stream().map(object -> object.getMetadata().getName()).toList();
    }
}
