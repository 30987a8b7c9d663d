package eu.interlink.jvm.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.api.wire.LogOptions;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.api.wire.RetrievedContainer;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ConfigMaps, Secrets and emptyDirs as files, and the environment from the pod and its objects, on the real engine. */
class VolumesAndEnvironmentTest {

    private static final RetrievedContainer OBJECTS = new RetrievedContainer("reader",
            List.of(new ConfigMapBuilder().withNewMetadata().withName("app-config").endMetadata()
                    .withData(Map.of("app.conf", "lr=0.1", "mode", "fast")).build()),
            List.of(new SecretBuilder().withNewMetadata().withName("creds").endMetadata()
                    .withData(Map.of("password", "czNjcjN0")).build()),
            List.of(), null);

    @RegisterExtension
    static final SharedRuntime shared = new SharedRuntime(RuntimeFixture::open);

    @Test
    void containersReadTheirObjectsAsFilesShareAnEmptyDirAndGetTheirEnvironment() throws IOException {
        Pod pod = pod("volumes", """
                restartPolicy: Never
                volumes:
                - {name: config, configMap: {name: app-config, items: [{key: app.conf, path: conf/app.conf}]}}
                - {name: creds, secret: {secretName: creds, defaultMode: 256}}
                - {name: scratch, emptyDir: {}}
                initContainers:
                - name: prepare
                  image: interlink-jvm/busybox:local
                  command: [sh, -c, "echo from init > /scratch/init.txt"]
                  volumeMounts: [{name: scratch, mountPath: /scratch}]
                containers:
                - name: reader
                  image: interlink-jvm/busybox:local
                  command: [sh, -c]
                  args:
                  - |
                    cat /etc/app/conf/app.conf; echo
                    cat /var/run/creds/password; echo
                    stat -c %a /var/run/creds/password
                    cat /scratch/init.txt
                    until [ -f /scratch/sidecar.txt ]; do sleep 0.1; done; cat /scratch/sidecar.txt
                    touch /etc/app/new 2>/dev/null || echo config is read-only
                    echo "$POD_NAME $POD_NAMESPACE $PASSWORD $MODE $(GREETING)"
                    echo "ip=$POD_IP"
                  env:
                  - {name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
                  - {name: POD_NAMESPACE, valueFrom: {fieldRef: {fieldPath: metadata.namespace}}}
                  - {name: POD_IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
                  - {name: PASSWORD, valueFrom: {secretKeyRef: {name: creds, key: password}}}
                  - {name: MODE, valueFrom: {configMapKeyRef: {name: app-config, key: mode}}}
                  - {name: GREETING, value: "hello $(POD_NAME)"}
                  volumeMounts:
                  - {name: config, mountPath: /etc/app, readOnly: true}
                  - {name: creds, mountPath: /var/run/creds}
                  - {name: scratch, mountPath: /scratch}
                - name: sidecar
                  image: interlink-jvm/busybox:local
                  command: [sh, -c, "echo from sidecar > /shared/sidecar.txt"]
                  volumeMounts: [{name: scratch, mountPath: /shared}]
                """);

        shared.fixture().create(new RetrievedPodData(pod, List.of(OBJECTS)));

        PodStatus done = shared.fixture().awaitStatus(pod, status -> status.containers().stream()
                .allMatch(container -> container.getState().getTerminated() != null));
        ContainerStateTerminated reader = done.containers().get(0).getState().getTerminated();
        assertThat(reader.getExitCode()).as(reader.getMessage()).isZero();
        String log = logs(pod, "reader");
        assertThat(log.lines().toList()).startsWith(
                "lr=0.1",
                "s3cr3t",
                "400",
                "from init",
                "from sidecar",
                "config is read-only",
                "volumes tests s3cr3t fast hello volumes");
        assertThat(log.lines().toList().get(7)).matches("ip=\\d+\\.\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void aPodWhoseObjectsWereNotSentIsRefusedWithEveryProblemNamed() {
        Pod pod = pod("unsent", """
                restartPolicy: Never
                volumes: [{name: config, configMap: {name: nowhere}}]
                containers:
                - name: app
                  image: interlink-jvm/busybox:local
                  env: [{name: X, valueFrom: {secretKeyRef: {name: gone, key: k}}}]
                  volumeMounts: [{name: config, mountPath: /etc/app}]
                """);

        assertThatThrownBy(() -> shared.fixture().create(new RetrievedPodData(pod, List.of())))
                .isInstanceOf(InvalidPodException.class)
                .hasMessage("spec.volumes[config]: ConfigMap nowhere was not sent with the pod; "
                        + "containers[app].env[X].valueFrom: Secret gone was not sent with the pod");
        assertThat(shared.fixture().containersOf(pod)).isEmpty();
    }

    private static String logs(Pod pod, String container) throws IOException {
        return shared.fixture().logs(pod, container, LogOptions.DEFAULTS);
    }

    private static Pod pod(String name, String specYaml) {
        try {
            PodSpec spec = new YAMLMapper().readValue(specYaml, PodSpec.class);
            return new PodBuilder().withNewMetadata().withName(name).withNamespace("tests")
                    .withUid(UUID.randomUUID().toString()).endMetadata().withSpec(spec).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
