package eu.interlink.jvm.docker.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerSecurityTest {

    private static final String POD = "p_ns(u-1)";

    @Test
    void theContainersContextOverridesThePodsFieldByField() {
        PodSpec spec = spec("""
                securityContext:
                  runAsUser: 1000
                  runAsGroup: 3000
                  runAsNonRoot: true
                  fsGroup: 2000
                  supplementalGroups: [4000, 2000]
                  seccompProfile: {type: Unconfined}
                  sysctls: [{name: kernel.shm_rmid_forced, value: "1"}]
                containers:
                - name: app
                  image: busybox
                  securityContext:
                    runAsUser: 1001
                    readOnlyRootFilesystem: true
                    allowPrivilegeEscalation: false
                    appArmorProfile: {type: Unconfined}
                    seccompProfile: {type: RuntimeDefault}
                    capabilities: {add: [cap_sys_time], drop: [ALL, CAP_NET_RAW]}
                """);

        ContainerSecurity security = ContainerSecurity.of(spec, spec.getContainers().get(0));

        assertThat(security).isEqualTo(new ContainerSecurity(1001L, 3000L, true, List.of("2000", "4000"), true, false,
                List.of("SYS_TIME"), List.of("ALL", "NET_RAW"), List.of("no-new-privileges", "apparmor=unconfined"),
                Map.of("kernel.shm_rmid_forced", "1")));
        assertThat(security.dockerUser(null)).isEqualTo("1001:3000");
    }

    @Test
    void withoutAnySecurityContextTheImagesUserAndDockersDefaultsStay() {
        PodSpec spec = spec("containers: [{name: app, image: busybox}]");

        ContainerSecurity security = ContainerSecurity.of(spec, spec.getContainers().get(0));

        assertThat(security).isEqualTo(ContainerSecurity.NONE);
        assertThat(security.needsImageUser()).isFalse();
        assertThat(security.dockerUser(null)).isNull();
    }

    @Test
    void aGroupWithoutAUserKeepsTheImagesUser() {
        PodSpec spec = spec("{securityContext: {runAsGroup: 3000}, containers: [{name: app, image: busybox}]}");

        ContainerSecurity security = ContainerSecurity.of(spec, spec.getContainers().get(0));

        assertThat(security.needsImageUser()).isTrue();
        assertThat(security.dockerUser("app:staff")).isEqualTo("app:3000");
        assertThat(security.dockerUser("")).isEqualTo("0:3000");
    }

    @Test
    void runAsNonRootRefusesRootAndNamedUsersAsKubeletDoes() {
        ContainerSecurity nonRoot = new ContainerSecurity(null, null, true, List.of(), false, false, List.of(),
                List.of(), List.of(), Map.of());
        ContainerSecurity asRoot = new ContainerSecurity(0L, null, true, List.of(), false, false, List.of(),
                List.of(), List.of(), Map.of());

        assertThat(RunAsNonRoot.refusal(nonRoot, POD, "app", "")).contains(
                "container has runAsNonRoot and image will run as root (pod: \"p_ns(u-1)\", container: app)");
        assertThat(RunAsNonRoot.refusal(nonRoot, POD, "app", "0:0")).isPresent();
        assertThat(RunAsNonRoot.refusal(nonRoot, POD, "app", "root")).contains("container has runAsNonRoot and image"
                + " has non-numeric user (root), cannot verify user is non-root (pod: \"p_ns(u-1)\", container: app)");
        assertThat(RunAsNonRoot.refusal(nonRoot, POD, "app", "1000:1000")).isEmpty();
        assertThat(RunAsNonRoot.refusal(asRoot, POD, "app", "1000")).contains(
                "container's runAsUser breaks non-root policy (pod: \"p_ns(u-1)\", container: app)");
        assertThat(RunAsNonRoot.refusal(ContainerSecurity.NONE, POD, "app", "")).isEmpty();
    }

    private static PodSpec spec(String yaml) {
        try {
            return new YAMLMapper().readValue(yaml, PodSpec.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
