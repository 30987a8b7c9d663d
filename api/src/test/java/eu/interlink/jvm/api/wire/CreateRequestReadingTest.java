package eu.interlink.jvm.api.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;

class CreateRequestReadingTest {

    private final WireFormat wire = new WireFormat();

    @Test
    void readsTheSingleObjectThatInterLink05AndLaterSend() {
        RetrievedPodData data = wire.readCreateRequest(Fixtures.bytes("create-0.6-object.json"));

        Pod pod = data.pod();
        assertThat(data.podUid()).isEqualTo("0f1c2d3e-4a5b-6c7d-8e9f-0a1b2c3d4e5f");
        assertThat(pod.getMetadata().getName()).isEqualTo("train-7f9c");
        assertThat(pod.getMetadata().getNamespace()).isEqualTo("team-a");
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("interlink.eu/pod-ip", "10.0.0.12");
        assertThat(pod.getSpec().getInitContainers()).extracting(Container::getName).containsExactly("fetch");
        assertThat(pod.getSpec().getVolumes()).hasSize(4);
        assertThat(pod.getSpec().getTerminationGracePeriodSeconds()).isEqualTo(30L);

        Container main = pod.getSpec().getContainers().get(0);
        assertThat(main.getCommand()).containsExactly("python");
        assertThat(main.getArgs()).containsExactly("train.py", "--epochs", "1");
        assertThat(main.getWorkingDir()).isEqualTo("/work");
        assertThat(main.getImagePullPolicy()).isEqualTo("Always");
        assertThat(main.getEnv()).hasSize(3);
        assertThat(main.getEnv().get(1).getValue()).isEqualTo("a \"b\" $(c); rm -rf /");
        assertThat(main.getEnv().get(2).getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        assertThat(main.getResources().getLimits())
                .containsEntry("cpu", new Quantity("500m"))
                .containsEntry("nvidia.com/gpu", new Quantity("1"));
    }

    @Test
    void readsEachContainersMountedObjectsInitContainersFirst() {
        RetrievedPodData data = wire.readCreateRequest(Fixtures.bytes("create-0.6-object.json"));

        assertThat(data.container()).extracting(RetrievedContainer::name).containsExactly("fetch", "main");
        RetrievedContainer fetch = data.container().get(0);
        assertThat(fetch.configMaps()).isEmpty();
        assertThat(fetch.secrets()).isEmpty();
        assertThat(fetch.projectedVolumeMaps()).isEmpty();
        assertThat(fetch.emptyDirs()).isEmpty();

        RetrievedContainer main = data.container().get(1);
        assertThat(main.configMaps()).singleElement().satisfies(configMap -> {
            assertThat(configMap.getMetadata().getName()).isEqualTo("train-config");
            assertThat(configMap.getData()).containsEntry("app.conf", "lr=0.1\nbatch=32\n");
            assertThat(configMap.getBinaryData()).containsEntry("weights.bin", "AAECAw==");
        });
        assertThat(main.secrets()).singleElement().satisfies(secret -> {
            assertThat(secret.getMetadata().getName()).isEqualTo("train-creds");
            assertThat(secret.getType()).isEqualTo("Opaque");
            assertThat(secret.getData()).containsEntry("password", "czNjcjN0");
        });
        assertThat(main.projectedVolumeMaps()).singleElement().satisfies(projected -> {
            assertThat(projected.getMetadata().getName()).isEqualTo("kube-api-access-x7k2");
            assertThat(projected.getData().get("ca.crt"))
                    .isEqualTo("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        });
    }

    @Test
    void readsTheOneElementArrayThatInterLink03To04Send() {
        RetrievedPodData data = wire.readCreateRequest(Fixtures.bytes("create-0.4-array.json"));

        assertThat(data.podUid()).isEqualTo("6a7b8c9d-0e1f-2a3b-4c5d-6e7f8a9b0c1d");
        assertThat(data.pod().getSpec().getContainers().get(0).getCommand())
                .containsExactly("sh", "-c", "echo hello; exit 3");
        assertThat(data.container()).singleElement().satisfies(container -> {
            assertThat(container.projectedVolumeMaps()).isEmpty();
            assertThat(container.emptyDirs())
                    .containsExactly("/var/lib/interlink/default-6a7b8c9d-0e1f-2a3b-4c5d-6e7f8a9b0c1d/emptyDirs/scratch");
        });
    }

    @Test
    void readsBothFormsOfTheSameRequestAlike() {
        byte[] object = Fixtures.bytes("create-0.6-object.json");
        byte[] array = ("[" + new String(object, UTF_8) + "]").getBytes(UTF_8);

        assertThat(wire.readCreateRequest(array)).isEqualTo(wire.readCreateRequest(object));
    }

    @Test
    void readsNullsEverywhereAsEmpty() {
        RetrievedPodData data = wire.readCreateRequest(Fixtures.bytes("create-nulls.json"));

        assertThat(data.container()).isEmpty();
        assertThat(data.pod().getSpec().getContainers()).singleElement()
                .satisfies(container -> assertThat(container.getImage()).isEqualTo("busybox"));
    }

    @Test
    void ignoresJobConfigJobScriptAndUnknownFields() {
        String body = """
                {"pod":{"metadata":{"name":"p","uid":"u-1","futureField":{"x":1}},"spec":{"containers":[]}},
                 "container":[{"name":"c","newKind":[1,2]}],
                 "jobConfig":{"anything":true},"jobScript":"#!/bin/sh","somethingNew":42}
                """;

        RetrievedPodData data = wire.readCreateRequest(body.getBytes(UTF_8));

        assertThat(data.podUid()).isEqualTo("u-1");
        assertThat(data.container()).extracting(RetrievedContainer::name).containsExactly("c");
    }

    @Test
    void refusesAnArrayOfMoreThanOnePod() {
        String one = new String(Fixtures.bytes("create-nulls.json"), UTF_8);

        assertThatThrownBy(() -> wire.readCreateRequest(("[" + one + "," + one + "]").getBytes(UTF_8)))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("expected one pod, or an array of one, got an array of 2");
        assertThatThrownBy(() -> wire.readCreateRequest("[]".getBytes(UTF_8)))
                .hasMessage("expected one pod, or an array of one, got an array of 0");
    }

    @Test
    void namesTheMissingPodIdentity() {
        assertThatThrownBy(() -> wire.readCreateRequest("{\"container\":[]}".getBytes(UTF_8)))
                .hasMessage("pod: required");
        assertThatThrownBy(() -> wire.readCreateRequest("{\"pod\":{\"spec\":{}}}".getBytes(UTF_8)))
                .hasMessage("pod.metadata: required");
        assertThatThrownBy(() -> wire.readCreateRequest("{\"pod\":{\"metadata\":{\"name\":\"p\"}}}".getBytes(UTF_8)))
                .hasMessage("pod.metadata.uid: required");
        assertThatThrownBy(() -> wire.readCreateRequest("{\"pod\":{\"metadata\":{\"uid\":\"u\",\"name\":\" \"}}}".getBytes(UTF_8)))
                .hasMessage("pod.metadata.name: required");
    }

    @Test
    void namesTheFieldOfAWrongType() {
        String body = "{\"pod\":{\"metadata\":{\"name\":\"p\",\"uid\":\"u\"},\"spec\":{\"containers\":5}}}";

        assertThatThrownBy(() -> wire.readCreateRequest(body.getBytes(UTF_8)))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("pod.spec.containers: expected an array, got a number");
        assertThatThrownBy(() -> wire.readCreateRequest(
                "{\"pod\":{\"metadata\":{\"name\":\"p\",\"uid\":\"u\"},\"spec\":{\"terminationGracePeriodSeconds\":\"soon\"}}}"
                        .getBytes(UTF_8)))
                .hasMessage("pod.spec.terminationGracePeriodSeconds: expected a number, got 'soon'");
    }

    @Test
    void locatesMalformedAndTruncatedJson() {
        assertThatThrownBy(() -> wire.readCreateRequest("{\"pod\": {\"metadata\": ".getBytes(UTF_8)))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("truncated JSON at line 1, column 22");
        assertThatThrownBy(() -> wire.readCreateRequest("{pod: 1}".getBytes(UTF_8)))
                .hasMessageStartingWith("malformed JSON at line 1, column 2");
        assertThatThrownBy(() -> wire.readCreateRequest(
                "{\"pod\":{\"metadata\":{\"name\":\"p\",\"uid\":\"u\"},\n\"spec\":{\"containers\":[{\"name\": x}]}}}"
                        .getBytes(UTF_8)))
                .hasMessageStartingWith("malformed JSON at line 2, column 32: Unrecognized token 'x'");
    }

    @Test
    void refusesAnEmptyBodyAndNull() {
        assertThatThrownBy(() -> wire.readCreateRequest(new byte[0]))
                .hasMessage("empty body: expected a create request");
        assertThatThrownBy(() -> wire.readCreateRequest("null".getBytes(UTF_8)))
                .hasMessage("null: expected a create request");
    }
}
