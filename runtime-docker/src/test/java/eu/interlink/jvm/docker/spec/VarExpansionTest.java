package eu.interlink.jvm.docker.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VarExpansionTest {

    private static final Map<String, String> VARS = Map.of("HOME", "/root", "EMPTY", "");

    @Test
    void replacesDefinedVariables() {
        assertThat(VarExpansion.expand("$(HOME)/bin:$(EMPTY)x", VARS)).isEqualTo("/root/bin:x");
    }

    @Test
    void leavesUndefinedReferencesAsWritten() {
        assertThat(VarExpansion.expand("$(NOPE) and $(HOME", VARS)).isEqualTo("$(NOPE) and $(HOME");
    }

    @Test
    void readsDoubleDollarAsALiteralDollar() {
        assertThat(VarExpansion.expand("$$(HOME) costs $$5 and $5 $", VARS)).isEqualTo("$(HOME) costs $5 and $5 $");
    }

    @Test
    void leavesTextWithoutReferencesAlone() {
        assertThat(VarExpansion.expand("plain; rm -rf / \"quoted\"", VARS)).isEqualTo("plain; rm -rf / \"quoted\"");
        assertThat(VarExpansion.expand(null, VARS)).isNull();
    }
}
