package eu.interlink.jvm.gpu.nvidia;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The device minor of a GPU, from the driver's /proc files. */
class DeviceMinorsTest {

    @Test
    void readsTheMinorFromTheDriversFileOfTheBusIdNvidiaSmiPrints() {
        assertThat(new DeviceMinors(Fixtures.path("proc-h100")).of("00000000:62:00.0")).contains(5);
    }

    @Test
    void findsNoMinorWithoutTheDriversFile(@TempDir Path emptyProc) {
        assertThat(new DeviceMinors(emptyProc).of("00000000:62:00.0")).isEmpty();
    }

    @Test
    void namesTheDriversFolderWithAFourDigitDomainInLowerCase() {
        assertThat(DeviceMinors.procName("00000000:B1:00.0")).isEqualTo("0000:b1:00.0");
        assertThat(DeviceMinors.procName("0000:b1:00.0")).isEqualTo("0000:b1:00.0");
    }
}
