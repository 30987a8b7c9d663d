package eu.interlink.jvm.docker.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import eu.interlink.jvm.docker.engine.Labels;
import eu.interlink.jvm.docker.security.ContainerSecurity;
import eu.interlink.jvm.docker.volumes.ResolvedMount;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InnerContainerSpecTest {

    private static final PodIdentity POD = new PodIdentity("uid-1", "ns", "pod");

    @Test
    void commandReplacesTheEntrypointAndArgsTheCmdArgumentForArgument() {
        Container container = new ContainerBuilder().withName("main").withImage("busybox")
                .withCommand("sh", "-c")
                .withArgs("echo \"$0|$1\"", "a b", "c;d")
                .build();

        InnerContainerSpec spec = InnerContainerSpec.of(POD, container, Map.of(), List.of(), ContainerSecurity.NONE, null,
                "pod");

        assertThat(spec.entrypoint()).containsExactly("sh", "-c");
        assertThat(spec.cmd()).containsExactly("echo \"$0|$1\"", "a b", "c;d");
    }

    @Test
    void commandAndArgsExpandTheContainersVariablesAsKubernetesDoes() {
        Container container = new ContainerBuilder().withName("main").withImage("busybox")
                .withCommand("echo", "$(GREETING)")
                .withArgs("$(WHO) $$(WHO) $(UNSET)")
                .build();

        InnerContainerSpec spec = InnerContainerSpec.of(POD, container, Map.of("GREETING", "hello", "WHO", "world"),
                List.of(), ContainerSecurity.NONE, null, "pod");

        assertThat(spec.entrypoint()).containsExactly("echo", "hello");
        assertThat(spec.cmd()).containsExactly("world $(WHO) $(UNSET)");
    }

    @Test
    void withoutCommandOrArgsTheImageKeepsItsOwn() {
        InnerContainerSpec spec = InnerContainerSpec.of(POD,
                new ContainerBuilder().withName("main").withImage("busybox").withCommand(List.of()).build(),
                Map.of(), List.of(), ContainerSecurity.NONE, null, "pod");

        assertThat(spec.entrypoint()).isNull();
        assertThat(spec.cmd()).isNull();
        assertThat(spec.workingDir()).isNull();
    }

    @Test
    void variablesKeepTheirOrderTheMountsAndTheWorkingDirectoryAsGiven() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("GREETING", "hello world; $(not expanded)");
        variables.put("EMPTY", "");
        List<ResolvedMount> mounts = List.of(new ResolvedMount("/data/sandboxes/s/volumes/config", "/etc/app", true));
        Container container = new ContainerBuilder().withName("main").withImage("busybox").withWorkingDir("/tmp").build();

        InnerContainerSpec spec = InnerContainerSpec.of(POD, container, variables, mounts, ContainerSecurity.NONE, null,
                "pod");

        assertThat(spec.env()).containsExactly("GREETING=hello world; $(not expanded)", "EMPTY=");
        assertThat(spec.mounts()).isEqualTo(mounts);
        assertThat(spec.workingDir()).isEqualTo("/tmp");
    }

    @Test
    void theInnerContainerIsLabelledWithItsPodAndName() {
        InnerContainerSpec spec = InnerContainerSpec.of(POD,
                new ContainerBuilder().withName("main").withImage("busybox").build(), Map.of(), List.of(),
                ContainerSecurity.NONE, null, "pod");

        assertThat(spec.name()).isEqualTo("main");
        assertThat(spec.image()).isEqualTo("busybox");
        assertThat(spec.labels()).containsEntry(Labels.POD_UID, "uid-1")
                .containsEntry(Labels.CONTAINER_NAME, "main")
                .containsEntry(Labels.ROLE, Labels.ROLE_POD_CONTAINER);
    }

    @Test
    void eachRestartHasItsOwnInnerContainerNamedSoThatNoKubernetesContainerNameClashesAndLabelledWithItsCount() {
        InnerContainerSpec first = InnerContainerSpec.of(POD,
                new ContainerBuilder().withName("main").withImage("busybox").build(), Map.of(), List.of(),
                ContainerSecurity.NONE, null, "pod");

        InnerContainerSpec second = first.afterRestarts(1);

        assertThat(second.name()).isEqualTo("main_1");
        assertThat(first.labels()).containsEntry(Labels.RESTART_COUNT, "0");
        assertThat(second.labels()).containsEntry(Labels.RESTART_COUNT, "1");
        assertThat(second).usingRecursiveComparison().ignoringFields("name", "labels").isEqualTo(first);
    }
}
