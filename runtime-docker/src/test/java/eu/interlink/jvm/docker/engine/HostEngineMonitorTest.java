package eu.interlink.jvm.docker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostEngineMonitorTest {

    @Test
    void memoryIsAnExactQuantityInTheLargestUnitThatDividesIt() {
        assertThat(HostEngineMonitor.memoryQuantity(25_769_803_776L)).isEqualTo("24Gi");
        assertThat(HostEngineMonitor.memoryQuantity(25_165_824_000L)).isEqualTo("24000Mi");
        assertThat(HostEngineMonitor.memoryQuantity(1_049_600L)).isEqualTo("1025Ki");
        assertThat(HostEngineMonitor.memoryQuantity(1_000_000_001L)).isEqualTo("1000000001");
    }
}
