package eu.interlink.jvm.host.doctor;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import eu.interlink.jvm.api.runtime.Diagnosis;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosisReportTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, UTF_8);

    @Test
    void prints_a_line_per_check_and_a_ready_verdict_when_nothing_failed() {
        int status = DiagnosisReport.print(List.of(
                Diagnosis.ok("Docker engine", "20.10 answers"),
                Diagnosis.warn("Sandbox privileges", "no --privileged", "nothing to do")), out);

        assertThat(status).isZero();
        assertThat(bytes.toString(UTF_8)).isEqualTo("""
                [ OK ] Docker engine: 20.10 answers
                [WARN] Sandbox privileges: no --privileged — fix: nothing to do
                Verdict: READY, 1 with warnings
                """);
    }

    @Test
    void exits_1_with_the_fix_when_a_check_failed() {
        int status = DiagnosisReport.print(List.of(
                Diagnosis.ok("Configuration", "valid"),
                Diagnosis.fail("Data folder", "/x cannot be written", "set DataRootFolder")), out);

        assertThat(status).isEqualTo(1);
        assertThat(bytes.toString(UTF_8)).isEqualTo("""
                [ OK ] Configuration: valid
                [FAIL] Data folder: /x cannot be written — fix: set DataRootFolder
                Verdict: NOT READY, 1 failed, 0 with warnings
                """);
    }
}
