package eu.interlink.jvm.gpu.nvidia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading {@code nvidia-smi --query-gpu=index,uuid,name,memory.total,mig.mode.current,pci.bus_id}. */
class GpuQueryParserTest {

    @Test
    void readsTheOnlyGpuOfASingleH100Machine() {
        assertThat(GpuQueryParser.parse(Fixtures.text("query-single-h100.csv"))).containsExactly(new SmiGpu(0,
                "GPU-9221d5d1-b60b-a624-bf14-0a1819cfda3b", "NVIDIA H100 80GB HBM3", "81559", "Disabled",
                "00000000:62:00.0"));
    }

    @Test
    void readsEightGpusInNvidiaSmiOrderWithoutMigSupport() {
        List<SmiGpu> gpus = GpuQueryParser.parse(Fixtures.text("query-eight-titan-x.csv"));

        assertThat(gpus).extracting(SmiGpu::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(gpus).extracting(SmiGpu::uuid).doesNotHaveDuplicates()
                .startsWith("GPU-004f693d-767b-b215-b4a9-a18af0ffd643")
                .endsWith("GPU-f199c9ea-65d8-5382-aefe-a9e8fb48057b");
        assertThat(gpus).allSatisfy(gpu -> {
            assertThat(gpu.name()).isEqualTo("GeForce GTX TITAN X");
            assertThat(gpu.memoryMiB()).isEqualTo("12206");
            assertThat(gpu.migMode()).isEqualTo("[N/A]");
            assertThat(gpu.migEnabled()).isFalse();
        });
    }

    @Test
    void tellsAGpuInMigModeFromTheOthers() {
        assertThat(GpuQueryParser.parse(Fixtures.text("query-mig-a100.csv"))).extracting(SmiGpu::migEnabled)
                .containsExactly(true, false, false, false);
    }

    @Test
    void keepsACommaInAGpuName() {
        assertThat(GpuQueryParser.parse("0, GPU-9221d5d1-b60b-a624-bf14-0a1819cfda3b, Tesla K80, rev 2, 11441,"
                + " [N/A], 00000000:04:00.0\n")).extracting(SmiGpu::name).containsExactly("Tesla K80, rev 2");
    }

    @Test
    void readsNoOutputAsNoGpu() {
        assertThat(GpuQueryParser.parse("\n")).isEmpty();
    }

    @Test
    void refusesTheDriverMissingMessageNamingIt() {
        assertThatThrownBy(() -> GpuQueryParser.parse(Fixtures.text("driver-missing.txt")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a line of `--query-gpu=index,uuid,name,memory.total,mig.mode.current,"
                        + "pci.bus_id`: 'NVIDIA-SMI has failed because it couldn't communicate");
    }

    @Test
    void refusesAnOldDriversUnknownFieldAnswer() {
        assertThatThrownBy(() -> GpuQueryParser.parse(Fixtures.text("old-driver-unknown-field.txt")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a valid field to query");
    }

    @Test
    void refusesGarbageEvenWithEnoughCommas() {
        assertThatThrownBy(() -> GpuQueryParser.parse(Fixtures.text("garbage.txt")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("<!DOCTYPE html>");
    }
}
