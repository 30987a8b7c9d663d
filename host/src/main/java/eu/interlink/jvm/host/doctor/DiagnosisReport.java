package eu.interlink.jvm.host.doctor;

import eu.interlink.jvm.api.runtime.Diagnosis;
import java.io.PrintStream;
import java.util.List;

/**
 * Prints diagnoses one line each, {@code [ OK ] name: detail} or {@code [FAIL] name: detail — fix: ...}, then a
 * verdict line.
 */
public final class DiagnosisReport {

    private DiagnosisReport() {
    }

    /**
     * Prints the report.
     *
     * @return the exit status: 0 when nothing failed, 1 otherwise
     */
    public static int print(List<Diagnosis> diagnoses, PrintStream out) {
        diagnoses.forEach(diagnosis -> out.println(line(diagnosis)));
        long failed = diagnoses.stream().filter(d -> d.outcome() == Diagnosis.Outcome.FAIL).count();
        long warned = diagnoses.stream().filter(d -> d.outcome() == Diagnosis.Outcome.WARN).count();
        if (failed > 0) {
            out.println("Verdict: NOT READY, " + failed + " failed, " + warned + " with warnings");
            return 1;
        }
        out.println("Verdict: READY" + (warned > 0 ? ", " + warned + " with warnings" : ""));
        return 0;
    }

    static String line(Diagnosis diagnosis) {
        String tag = switch (diagnosis.outcome()) {
            case OK -> "[ OK ]";
            case WARN -> "[WARN]";
            case FAIL -> "[FAIL]";
        };
        String line = tag + " " + diagnosis.name() + ": " + diagnosis.detail();
        return diagnosis.fix().isEmpty() ? line : line + " — fix: " + diagnosis.fix();
    }
}
