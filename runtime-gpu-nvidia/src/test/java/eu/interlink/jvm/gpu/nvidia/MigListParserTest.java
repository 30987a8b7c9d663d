package eu.interlink.jvm.gpu.nvidia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Reading MIG instances from {@code nvidia-smi -L}. */
class MigListParserTest {

    @Test
    void listsEachMigInstanceUnderItsGpuAndNothingForWholeGpus() {
        assertThat(MigListParser.parse(Fixtures.text("list-mig-a100.txt"))).containsExactly(
                new SmiMig("GPU-513536b6-7d19-9063-b049-1e69664bb298", "1g.20gb", 0,
                        "MIG-ce861fb0-a248-58ce-a9a8-f9adbc22a66a"),
                new SmiMig("GPU-513536b6-7d19-9063-b049-1e69664bb298", "1g.20gb", 1,
                        "MIG-a45882f0-9215-5733-a0c1-49286ab31cb5"),
                new SmiMig("GPU-513536b6-7d19-9063-b049-1e69664bb298", "1g.20gb", 2,
                        "MIG-f00d722c-f4e1-52c9-aa31-750441ae1bfe"),
                new SmiMig("GPU-513536b6-7d19-9063-b049-1e69664bb298", "1g.20gb", 3,
                        "MIG-930574a9-d43a-5d2b-95da-3e68384c8d6b"));
    }

    @Test
    void readsTheMigUuidsOfDriversBeforeR470() {
        assertThat(MigListParser.parse(Fixtures.text("list-mig-pre-r470.txt"))).extracting(SmiMig::uuid)
                .containsExactly("MIG-GPU-932bfb2c-849a-2a22-1e84-9eff6bc02b39/1/0",
                        "MIG-GPU-932bfb2c-849a-2a22-1e84-9eff6bc02b39/2/0");
    }

    @Test
    void refusesOutputThatIsNoGpuList() {
        assertThatThrownBy(() -> MigListParser.parse(Fixtures.text("driver-missing.txt")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a line of `nvidia-smi -L`: 'NVIDIA-SMI has failed");
    }

    @Test
    void refusesAMigLineBeforeAnyGpu() {
        assertThatThrownBy(() -> MigListParser.parse(
                "  MIG 1g.10gb     Device  0: (UUID: MIG-feb88891-0321-5fef-9c87-d4af3b54259e)\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
