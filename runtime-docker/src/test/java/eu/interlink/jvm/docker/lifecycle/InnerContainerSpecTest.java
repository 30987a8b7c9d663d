package eu.interlink.jvm.docker.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import eu.interlink.jvm.docker.engine.Labels;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class InnerContainerSpecTest {

    private static final PodIdentity POD = new PodIdentity("uid-1", "ns", "pod");

    @Test
    void commandReplacesTheEntrypointAndArgsTheCmdArgumentForArgument() {
        Container container = new ContainerBuilder().withName("main").withImage("busybox")
                .withCommand("sh", "-c")
                .withArgs("echo \"$0|$1\"", "a b", "c;d")
                .build();

        InnerContainerSpec spec = InnerContainerSpec.of(POD, container);

        assertThat(spec.entrypoint()).containsExactly("sh", "-c");
        assertThat(spec.cmd()).containsExactly("echo \"$0|$1\"", "a b", "c;d");
    }

    @Test
    void withoutCommandOrArgsTheImageKeepsItsOwn() {
        InnerContainerSpec spec = InnerContainerSpec.of(POD,
                new ContainerBuilder().withName("main").withImage("busybox").withCommand(List.of()).build());

        assertThat(spec.entrypoint()).isNull();
        assertThat(spec.cmd()).isNull();
        assertThat(spec.workingDir()).isNull();
    }

    @Test
    void envValuesAndTheWorkingDirectoryAreKeptAsWritten() {
        Container container = new ContainerBuilder().withName("main").withImage("busybox")
                .addNewEnv().withName("GREETING").withValue("hello world; $(not expanded)").endEnv()
                .addNewEnv().withName("EMPTY").endEnv()
                .withWorkingDir("/tmp")
                .build();

        InnerContainerSpec spec = InnerContainerSpec.of(POD, container);

        assertThat(spec.env()).containsExactly("GREETING=hello world; $(not expanded)", "EMPTY=");
        assertThat(spec.workingDir()).isEqualTo("/tmp");
    }

    @Test
    void theInnerContainerIsLabelledWithItsPodAndName() {
        InnerContainerSpec spec = InnerContainerSpec.of(POD,
                new ContainerBuilder().withName("main").withImage("busybox").build());

        assertThat(spec.name()).isEqualTo("main");
        assertThat(spec.image()).isEqualTo("busybox");
        assertThat(spec.labels()).containsEntry(Labels.POD_UID, "uid-1")
                .containsEntry(Labels.CONTAINER_NAME, "main")
                .containsEntry(Labels.ROLE, Labels.ROLE_POD_CONTAINER);
    }
}
