package eu.interlink.jvm.host.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a manifest file must hold, what the reader fills in as the API server would, and how it says what is wrong. */
class ManifestReaderTest {

    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              labels: {app: web}
            spec:
              containers:
                - name: main
                  image: busybox
                  volumeMounts: [{name: config, mountPath: /etc/app}]
                  env:
                    - name: PASSWORD
                      valueFrom: {secretKeyRef: {name: creds, key: password}}
              volumes:
                - name: config
                  configMap: {name: cfg}
            """;
    private static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cfg}
            data: {app.conf: "port=80"}
            """;
    private static final String SECRET = """
            apiVersion: v1
            kind: Secret
            metadata: {name: creds}
            data: {password: c2VjcmV0}
            """;
    private static final String POD_ALONE = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers: [{name: main, image: busybox}]
            """;

    private final ManifestReader reader = new ManifestReader();

    @TempDir
    Path directory;

    @Test
    void reads_a_pod_with_its_config_map_and_secret_from_a_multi_document_file() {
        Manifest manifest = read(POD, CONFIG_MAP, SECRET + "---\n");

        Pod pod = manifest.pod();
        assertThat(pod.getMetadata().getName()).isEqualTo("web");
        assertThat(pod.getMetadata().getNamespace()).isEqualTo("default");
        assertThat(pod.getMetadata().getLabels()).containsEntry("app", "web");
        assertThat(pod.getSpec().getContainers()).singleElement()
                .satisfies(container -> assertThat(container.getImage()).isEqualTo("busybox"));
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Always");
        assertThat(manifest.configMaps()).singleElement().satisfies(configMap -> {
            assertThat(configMap.getData()).containsExactly(Map.entry("app.conf", "port=80"));
            assertThat(configMap.getMetadata().getNamespace()).isEqualTo("default");
        });
        assertThat(manifest.secrets()).singleElement().satisfies(secret -> {
            assertThat(secret.getData()).containsExactly(Map.entry("password", "c2VjcmV0"));
            assertThat(secret.getType()).isEqualTo("Opaque");
            assertThat(secret.getMetadata().getNamespace()).isEqualTo("default");
        });
        assertThat(manifest.configMap("cfg")).isPresent();
        assertThat(manifest.secret("cfg")).isEmpty();
    }

    @Test
    void gives_the_pod_a_fresh_lowercase_uid_in_place_of_any_it_has() {
        String withUid = POD_ALONE.replace("metadata: {name: web}", "metadata: {name: web, uid: given}");

        String first = read(withUid).pod().getMetadata().getUid();
        String second = read(withUid).pod().getMetadata().getUid();

        assertThat(first).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void keeps_the_namespace_and_restart_policy_the_file_gives() {
        Pod pod = read(POD_ALONE.replace("metadata: {name: web}", "metadata: {name: web, namespace: team}")
                + "  restartPolicy: Never\n").pod();

        assertThat(pod.getMetadata().getNamespace()).isEqualTo("team");
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
    }

    @Test
    void names_a_pod_after_its_generate_name_with_five_random_characters_as_the_api_server_does() {
        Pod pod = read(POD_ALONE.replace("metadata: {name: web}", "metadata: {generateName: web-}")).pod();

        assertThat(pod.getMetadata().getName()).matches("web-[bcdfghjklmnpqrstvwxz2456789]{5}");
        assertThat(pod.getMetadata().getGenerateName()).isEqualTo("web-");
    }

    @Test
    void merges_secret_string_data_into_data_as_base64_string_data_winning() {
        Manifest manifest = read(POD_ALONE, """
                apiVersion: v1
                kind: Secret
                metadata: {name: creds}
                type: kubernetes.io/basic-auth
                data: {username: YWRtaW4=, password: b2xk}
                stringData: {password: new, token: "äbc"}
                """);

        Secret secret = manifest.secrets().get(0);
        assertThat(secret.getData()).containsExactly(
                Map.entry("username", "YWRtaW4="),
                Map.entry("password", base64("new")),
                Map.entry("token", base64("äbc")));
        assertThat(secret.getStringData()).isNullOrEmpty();
        assertThat(secret.getType()).isEqualTo("kubernetes.io/basic-auth");
    }

    @Test
    void refuses_secret_data_that_is_not_base64() {
        assertThatThrownBy(() -> read(POD_ALONE, "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n"
                + "data: {password: not-base64!}\n"))
                .isInstanceOf(ManifestException.class)
                .hasMessage("pod.yaml, document 2: Secret \"s\": data[\"password\"] is not base64; put plain text"
                        + " under stringData");
    }

    @Test
    void keeps_a_timestamp_as_the_text_it_is() {
        Pod pod = read(POD_ALONE.replace("metadata: {name: web}",
                "metadata: {name: web, annotations: {built: 2024-01-31, at: 2024-01-31T10:00:00Z}}")).pod();

        assertThat(pod.getMetadata().getAnnotations())
                .containsExactly(Map.entry("built", "2024-01-31"), Map.entry("at", "2024-01-31T10:00:00Z"));
    }

    @Test
    void reads_the_items_of_a_list() {
        Manifest manifest = read("""
                apiVersion: v1
                kind: List
                items:
                  - {apiVersion: v1, kind: Pod, metadata: {name: web}, spec: {containers: [{name: c, image: i}]}}
                  - {apiVersion: v1, kind: ConfigMap, metadata: {name: cfg}}
                """);

        assertThat(manifest.pod().getMetadata().getName()).isEqualTo("web");
        assertThat(manifest.configMaps()).extracting(configMap -> configMap.getMetadata().getName())
                .containsExactly("cfg");
    }

    @Test
    void says_where_a_yaml_syntax_error_is() {
        assertThatThrownBy(() -> read(POD_ALONE, "apiVersion: v1\nkind: ConfigMap\n  data: [\n"))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("pod.yaml, document 2: not valid YAML: ")
                .hasMessageEndingWith("at line 9, column 7")
                .hasMessageNotContaining("\n");
    }

    @Test
    void refuses_a_key_given_twice() {
        assertThatThrownBy(() -> read("apiVersion: v1\nkind: ConfigMap\nkind: Secret\n"))
                .hasMessageStartingWith("pod.yaml, document 1: not valid YAML: found duplicate key kind at line 3");
    }

    @Test
    void refuses_a_document_that_is_not_a_mapping() {
        assertThatThrownBy(() -> read(POD_ALONE, "- a\n- b\n"))
                .hasMessage("pod.yaml, document 2: expected a Kubernetes object (a mapping with apiVersion and"
                        + " kind), found a list");
    }

    @Test
    void refuses_other_kinds_and_says_which_it_understands() {
        assertThatThrownBy(() -> read(POD_ALONE, "apiVersion: apps/v1\nkind: Deployment\n"))
                .hasMessage("pod.yaml, document 2: kind \"Deployment\" is not understood; a manifest holds one Pod"
                        + " and the ConfigMaps and Secrets it uses, each a document or an item of a List");
    }

    @Test
    void refuses_an_api_version_other_than_v1() {
        assertThatThrownBy(() -> read(POD_ALONE, "apiVersion: v2\nkind: ConfigMap\nmetadata: {name: c}\n"))
                .hasMessage("pod.yaml, document 2: apiVersion \"v2\" for a ConfigMap; expected v1");
    }

    @Test
    void refuses_a_document_without_kind() {
        assertThatThrownBy(() -> read("apiVersion: v1\nmetadata: {name: x}\n"))
                .hasMessage("pod.yaml, document 1: kind is missing; expected apiVersion v1 and kind Pod, ConfigMap,"
                        + " Secret or List");
    }

    @Test
    void refuses_a_field_of_the_wrong_type_naming_it() {
        assertThatThrownBy(() -> read("apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec: {containers: x}\n"))
                .hasMessage("pod.yaml, document 1: not a Pod: spec.containers: expected an array, got a string");
    }

    @Test
    void needs_one_pod() {
        assertThatThrownBy(() -> read(CONFIG_MAP))
                .hasMessage("no Pod in pod.yaml; run takes one Pod and the ConfigMaps and Secrets it uses");
        assertThatThrownBy(() -> read(POD_ALONE, CONFIG_MAP, POD_ALONE))
                .hasMessage("2 Pods in pod.yaml (document 1; document 3); run takes one");
    }

    @Test
    void skips_empty_documents_but_counts_them() {
        assertThatThrownBy(() -> read(POD_ALONE, "", "apiVersion: v1\nkind: Service\n"))
                .hasMessageStartingWith("pod.yaml, document 3: kind \"Service\"");
    }

    @Test
    void needs_a_pod_name_or_generate_name() {
        assertThatThrownBy(() -> read(POD_ALONE.replace("metadata: {name: web}", "metadata: {labels: {a: b}}")))
                .hasMessage("pod.yaml, document 1: the pod needs metadata.name or metadata.generateName");
    }

    @Test
    void needs_containers_each_with_a_name_and_an_image() {
        assertThatThrownBy(() -> read("apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec: {}\n"))
                .hasMessage("pod.yaml, document 1: the pod has no containers (spec.containers)");
        assertThatThrownBy(() -> read(POD_ALONE.replace("{name: main, image: busybox}", "{image: busybox}")))
                .hasMessage("pod.yaml, document 1: spec.containers[0] needs a name");
        assertThatThrownBy(() -> read(POD_ALONE.replace("{name: main, image: busybox}", "{name: main}")))
                .hasMessage("pod.yaml, document 1: spec.containers[0] (\"main\") needs an image");
        assertThatThrownBy(() -> read(POD_ALONE + "  initContainers: [{name: main, image: busybox}]\n"))
                .hasMessage("pod.yaml, document 1: spec.containers[0]: the name \"main\" is taken by"
                        + " spec.initContainers[0]");
    }

    @Test
    void needs_every_mounted_volume_in_the_pod() {
        assertThatThrownBy(() -> read(POD_ALONE.replace("image: busybox}",
                "image: busybox, volumeMounts: [{name: data, mountPath: /data}]}")))
                .hasMessage("pod.yaml, document 1: spec.containers[0].volumeMounts[0]: no volume named \"data\" in"
                        + " spec.volumes");
    }

    @Test
    void refuses_an_object_defined_twice() {
        assertThatThrownBy(() -> read(POD_ALONE, CONFIG_MAP, CONFIG_MAP))
                .hasMessage("pod.yaml, document 3: ConfigMap \"cfg\" again; document 2 defines it already");
    }

    @Test
    void refuses_an_object_without_a_name() {
        assertThatThrownBy(() -> read(POD_ALONE, "apiVersion: v1\nkind: Secret\ndata: {}\n"))
                .hasMessage("pod.yaml, document 2: the Secret needs metadata.name");
    }

    @Test
    void refuses_objects_in_another_namespace_than_the_pod() {
        assertThatThrownBy(() -> read(POD_ALONE, CONFIG_MAP.replace("{name: cfg}", "{name: cfg, namespace: other}")))
                .hasMessage("pod.yaml, document 2: ConfigMap \"cfg\" is in namespace \"other\", the pod in"
                        + " \"default\"; a pod uses objects of its own namespace only");
    }

    @Test
    void names_the_object_the_pod_uses_and_the_file_lacks() {
        assertThatThrownBy(() -> read(POD, SECRET))
                .hasMessage("pod.yaml, document 1: the pod uses ConfigMap \"cfg\" (volume \"config\"), which pod.yaml"
                        + " does not define");
    }

    @Test
    void names_every_missing_object_at_once_with_every_place_that_uses_it() {
        String pod = POD + """
                  initContainers:
                    - name: setup
                      image: busybox
                      envFrom: [{configMapRef: {name: cfg}}, {secretRef: {name: extra, optional: true}}]
                """;

        assertThatThrownBy(() -> read(pod))
                .hasMessage("pod.yaml, document 1: the pod uses ConfigMap \"cfg\" (volume \"config\", envFrom of init"
                        + " container \"setup\") and Secret \"creds\" (env \"PASSWORD\" of container \"main\"), which"
                        + " pod.yaml does not define");
    }

    @Test
    void runs_without_objects_the_pod_marks_optional() {
        String pod = POD_ALONE + """
                  volumes:
                    - {name: a, configMap: {name: absent, optional: true}}
                    - name: b
                      projected:
                        sources: [{secret: {name: absent, optional: true}}, {configMap: {name: gone, optional: true}}]
                """;

        assertThat(read(pod).configMaps()).isEmpty();
    }

    @Test
    void reads_a_file_and_names_it_in_messages() throws IOException {
        Path file = directory.resolve("web.yaml");
        Files.writeString(file, POD + "---\n" + CONFIG_MAP + "---\n" + SECRET);

        assertThat(reader.read(file).pod().getMetadata().getName()).isEqualTo("web");
        assertThatThrownBy(() -> reader.read(directory.resolve("absent.yaml")))
                .isInstanceOf(ManifestException.class)
                .hasMessage(directory.resolve("absent.yaml") + ": no such file");
    }

    private Manifest read(String... documents) {
        return reader.read(String.join("---\n", documents), "pod.yaml");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
