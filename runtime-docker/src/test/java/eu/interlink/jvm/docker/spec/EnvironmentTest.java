package eu.interlink.jvm.docker.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import eu.interlink.jvm.api.runtime.InvalidPodException;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentTest {

    private static final SentObjects SENT = new SentObjects(
            Map.of("settings", new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata()
                    .withData(Map.of("mode", "fast", "level", "3")).build()),
            Map.of("creds", new SecretBuilder().withNewMetadata().withName("creds").endMetadata()
                    .withData(Map.of("password", "czNjcjN0")).build()),
            Map.of());

    private static final Pod POD = read("""
            metadata:
              name: train
              namespace: team-a
              uid: 0f1c2d3e-4a5b-6c7d-8e9f-0a1b2c3d4e5f
              labels: {app: train}
              annotations: {owner: alice}
            spec:
              nodeName: interlink-node
              serviceAccountName: trainer
              containers:
              - name: app
                image: busybox
                resources: {limits: {cpu: 1500m, memory: 256Mi}}
                envFrom:
                - {configMapRef: {name: settings}, prefix: CFG_}
                env:
                - {name: MODE, value: slow}
                - {name: GREETING, value: "hello $(MODE) $$(MODE) $(UNSET)"}
                - {name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
                - {name: POD_NAMESPACE, valueFrom: {fieldRef: {fieldPath: metadata.namespace}}}
                - {name: POD_UID, valueFrom: {fieldRef: {fieldPath: metadata.uid}}}
                - {name: APP, valueFrom: {fieldRef: {fieldPath: "metadata.labels['app']"}}}
                - {name: OWNER, valueFrom: {fieldRef: {fieldPath: "metadata.annotations['owner']"}}}
                - {name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}
                - {name: POD_IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
                - {name: CPU, valueFrom: {resourceFieldRef: {resource: limits.cpu}}}
                - {name: MEM_MI, valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}}
                - {name: LEVEL, valueFrom: {configMapKeyRef: {name: settings, key: level}}}
                - {name: PASSWORD, valueFrom: {secretKeyRef: {name: creds, key: password}}}
                - {name: MAYBE, valueFrom: {secretKeyRef: {name: absent, key: x, optional: true}}}
            """, Pod.class);

    @Test
    void resolvesEveryKindOfReferenceInKubernetesOrder() {
        Map<String, String> env = new Environment(POD, SENT, new PodAddress("172.17.0.5", "10.0.0.1"))
                .of(POD.getSpec().getContainers().get(0));

        assertThat(env).containsExactly(
                Map.entry("CFG_level", "3"),
                Map.entry("CFG_mode", "fast"),
                Map.entry("MODE", "slow"),
                Map.entry("GREETING", "hello slow $(MODE) $(UNSET)"),
                Map.entry("POD_NAME", "train"),
                Map.entry("POD_NAMESPACE", "team-a"),
                Map.entry("POD_UID", "0f1c2d3e-4a5b-6c7d-8e9f-0a1b2c3d4e5f"),
                Map.entry("APP", "train"),
                Map.entry("OWNER", "alice"),
                Map.entry("NODE", "interlink-node"),
                Map.entry("POD_IP", "172.17.0.5"),
                Map.entry("CPU", "2"),
                Map.entry("MEM_MI", "256"),
                Map.entry("LEVEL", "3"),
                Map.entry("PASSWORD", "s3cr3t"));
    }

    @Test
    void namesEveryReferenceThatCannotBeResolved() {
        Container container = read("""
                name: app
                image: busybox
                envFrom: [{secretRef: {name: not-sent}}]
                env:
                - {name: A, valueFrom: {configMapKeyRef: {name: settings, key: nope}}}
                - {name: B, valueFrom: {secretKeyRef: {name: gone, key: x}}}
                - {name: C, valueFrom: {fieldRef: {fieldPath: status.phase}}}
                - {name: D, valueFrom: {resourceFieldRef: {resource: limits.memory}}}
                """, Container.class);

        assertThatThrownBy(() -> new Environment(POD, SENT, PodAddress.UNKNOWN).of(container))
                .isInstanceOf(InvalidPodException.class)
                .hasMessage("containers[app].envFrom: Secret not-sent was not sent with the pod; "
                        + "containers[app].env[A].valueFrom: ConfigMap settings has no key nope; "
                        + "containers[app].env[B].valueFrom: Secret gone was not sent with the pod; "
                        + "containers[app].env[C].valueFrom: fieldRef status.phase is not supported; "
                        + "containers[app].env[D].valueFrom: resourceFieldRef limits.memory needs that resource set "
                        + "on the container");
    }

    private static <T> T read(String yaml, Class<T> type) {
        try {
            return new YAMLMapper().readValue(yaml, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
