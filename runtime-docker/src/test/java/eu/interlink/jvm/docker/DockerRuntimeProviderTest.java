package eu.interlink.jvm.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.interlink.jvm.api.runtime.RuntimeContext;
import eu.interlink.jvm.api.runtime.RuntimeUnavailableException;
import eu.interlink.jvm.api.settings.InvalidSettingException;
import eu.interlink.jvm.api.settings.PluginSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerRuntimeProviderTest {

    private final DockerRuntimeProvider provider = new DockerRuntimeProvider();

    @Test
    void isCalledDocker() {
        assertThat(provider.name()).isEqualTo("docker");
    }

    @Test
    void anEngineThatDoesNotAnswerMakesTheRuntimeUnavailableNamingTheAddress() {
        String previous = System.getProperty("DOCKER_HOST");
        System.setProperty("DOCKER_HOST", "unix:///tmp/no-docker-here.sock");
        try {
            assertThatThrownBy(() -> provider.open(new RuntimeContext(PluginSettings.empty(), List.of())))
                    .isInstanceOf(RuntimeUnavailableException.class)
                    .hasMessageStartingWith("no Docker engine answers at unix:///tmp/no-docker-here.sock")
                    .hasMessageContaining("start Docker");
        } finally {
            if (previous == null) {
                System.clearProperty("DOCKER_HOST");
            } else {
                System.setProperty("DOCKER_HOST", previous);
            }
        }
    }

    @Test
    void aBadSettingStopsTheOpenBeforeAnyEngineIsAsked() {
        PluginSettings settings = PluginSettings.of(Map.of("Docker", Map.of("DindSecurity", "yes")), Map.of());

        assertThatThrownBy(() -> provider.open(new RuntimeContext(settings, List.of())))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("Docker.DindSecurity:");
    }
}
