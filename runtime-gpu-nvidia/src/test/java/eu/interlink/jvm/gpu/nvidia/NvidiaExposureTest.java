package eu.interlink.jvm.gpu.nvidia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.interlink.jvm.api.accelerator.AcceleratorDevice;
import eu.interlink.jvm.api.accelerator.DeviceExposure;
import eu.interlink.jvm.api.accelerator.DeviceExposure.DeviceNode;
import eu.interlink.jvm.api.accelerator.DeviceExposure.DeviceRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a pod given some NVIDIA devices gets. */
class NvidiaExposureTest {

    private static final AcceleratorDevice GPU_5 = new AcceleratorDevice("GPU-9221d5d1-b60b-a624-bf14-0a1819cfda3b",
            "NVIDIA H100 80GB HBM3", Map.of("minor", "5"));
    private static final AcceleratorDevice GPU_1 = new AcceleratorDevice("GPU-d8594bd4-0fc3-8595-e355-7c98138f3b95",
            "NVIDIA A100-SXM4-80GB", Map.of("minor", "1"));
    private static final AcceleratorDevice MIG_0 = new AcceleratorDevice("MIG-ce861fb0-a248-58ce-a9a8-f9adbc22a66a",
            "NVIDIA A100-SXM4-80GB MIG 1g.20gb", Map.of("minor", "0", "parentGpu", "GPU-513536b6"));
    private static final AcceleratorDevice MIG_1 = new AcceleratorDevice("MIG-a45882f0-9215-5733-a0c1-49286ab31cb5",
            "NVIDIA A100-SXM4-80GB MIG 1g.20gb", Map.of("minor", "0", "parentGpu", "GPU-513536b6"));

    @TempDir
    Path dev;

    private NvidiaExposure exposure;

    @BeforeEach
    void driverFilesWithoutUvmTools() throws IOException {
        Files.createFile(dev.resolve("nvidiactl"));
        Files.createFile(dev.resolve("nvidia-uvm"));
        exposure = new NvidiaExposure(dev);
    }

    @Test
    void asksDockersNvidiaDriverForExactlyTheseUuids() {
        assertThat(exposure.of(List.of(GPU_5, GPU_1)).deviceRequests()).containsExactly(new DeviceRequest("nvidia",
                List.of(GPU_5.id(), GPU_1.id()), List.of("gpu")));
    }

    @Test
    void passesEachGpusDeviceFileAndTheDriversSharedFilesThatExist() {
        assertThat(exposure.of(List.of(GPU_5, GPU_1)).deviceNodes()).containsExactly(DeviceNode.of("/dev/nvidia5"),
                DeviceNode.of("/dev/nvidia1"), DeviceNode.of("/dev/nvidiactl"), DeviceNode.of("/dev/nvidia-uvm"));
    }

    @Test
    void setsTheVisibleDevicesAndComputeCapabilities() {
        assertThat(exposure.of(List.of(GPU_5, GPU_1)).environment()).isEqualTo(Map.of(
                "NVIDIA_VISIBLE_DEVICES", GPU_5.id() + "," + GPU_1.id(),
                "NVIDIA_DRIVER_CAPABILITIES", "compute,utility"));
    }

    @Test
    void givesMigInstancesOfOneGpuItsDeviceFileOnce() {
        DeviceExposure migs = exposure.of(List.of(MIG_0, MIG_1));

        assertThat(migs.deviceNodes()).containsExactly(DeviceNode.of("/dev/nvidia0"), DeviceNode.of("/dev/nvidiactl"),
                DeviceNode.of("/dev/nvidia-uvm"));
        assertThat(migs.deviceRequests()).singleElement().extracting(DeviceRequest::deviceIds)
                .isEqualTo(List.of(MIG_0.id(), MIG_1.id()));
    }

    @Test
    void isPureSameDevicesSameAnswer() {
        assertThat(exposure.of(List.of(GPU_5, MIG_0))).isEqualTo(exposure.of(List.of(GPU_5, MIG_0)));
    }

    @Test
    void refusesADeviceDiscoveryDidNotMake() {
        AcceleratorDevice foreign = new AcceleratorDevice("GPU-x", "?", Map.of());

        assertThatThrownBy(() -> exposure.of(List.of(foreign))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an NVIDIA device that discovery found: GPU-x");
    }
}
