package eu.interlink.jvm.host.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The suite against a wrong plugin: it must fail the cases the plugin gets wrong, say why, and clean up after each. */
class ConformanceSuiteTest {

    private final FailingPlugin plugin = new FailingPlugin();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final ConformanceSuite suite = new ConformanceSuite(plugin, "busybox",
            new PrintStream(printed, true, StandardCharsets.UTF_8));

    @Test
    void failsEachCaseAPluginGetsWrongWithItsReasonAndDeletesEveryCasePod() {
        int failed = suite.run(List.of("exit-code", "hello"));

        assertThat(failed).isEqualTo(2);
        assertThat(output()).containsPattern("FAIL exit-code \\(\\d+\\.\\d s\\): container fails' exit code is 1,"
                        + " expected 3\n")
                .containsPattern("FAIL hello \\(\\d+\\.\\d s\\): the pod ended Failed, expected Succeeded; its"
                        + " containers: \\{main=terminated with exit code 1 \\(Error\\)}\n")
                .doesNotContain("PASS")
                .endsWith("0 passed, 2 failed\n");
        assertThat(plugin.deleted).extracting(Pod::getMetadata).extracting("name")
                .containsExactlyInAnyOrder("conformance-exit-code", "conformance-hello");
    }

    @Test
    void refusesAnUnknownCaseNamingTheKnownOnesBeforeRunningAny() {
        assertThatThrownBy(() -> suite.run(List.of("hello", "no-such-case")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no such case: no-such-case; the cases are hello, shared-volume, configmap-secret,"
                        + " init-containers, exit-code, init-failure, limits, readiness-probe, liveness-probe, logs");
        assertThat(output()).isEmpty();
        assertThat(plugin.deleted).isEmpty();
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }
}
