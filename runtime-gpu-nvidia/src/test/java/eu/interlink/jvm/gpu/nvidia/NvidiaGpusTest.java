package eu.interlink.jvm.gpu.nvidia;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import eu.interlink.jvm.api.accelerator.AcceleratorDevice;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Discovery through a real run of an nvidia-smi program printing real outputs, on a machine without a GPU. */
class NvidiaGpusTest {

    private static final String QUERY = "--query-gpu=index,uuid,name,memory.total,mig.mode.current,pci.bus_id"
            + " --format=csv,noheader,nounits";

    @TempDir
    Path folder;

    @TempDir
    Path emptyProc;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void listen() {
        log.start();
        ((Logger) LoggerFactory.getLogger(NvidiaGpus.class)).addAppender(log);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger(NvidiaGpus.class)).detachAppender(log);
    }

    @Test
    void findsAGpuByItsUuidWithTheMinorTheDriverGives() {
        FakeSmi smi = FakeSmi.printing(folder, "query-single-h100.csv", 0, null);

        List<AcceleratorDevice> devices = gpus(smi, Fixtures.path("proc-h100")).discover();

        assertThat(devices).containsExactly(new AcceleratorDevice("GPU-9221d5d1-b60b-a624-bf14-0a1819cfda3b",
                "NVIDIA H100 80GB HBM3", Map.of("index", "0", "pciBusId", "00000000:62:00.0", "memoryMiB", "81559",
                        "migMode", "Disabled", "minor", "5", "minorSource", "driver")));
        assertThat(smi.calls()).containsExactly(QUERY);
    }

    @Test
    void findsEightGpusInOrderTakingTheIndexAsMinorWhenTheDriverFileIsMissingAndSaysSo() {
        FakeSmi smi = FakeSmi.printing(folder, "query-eight-titan-x.csv", 0, null);

        List<AcceleratorDevice> devices = gpus(smi, emptyProc).discover();

        assertThat(devices).hasSize(8).extracting(device -> device.attributes().get("minor"))
                .containsExactly("0", "1", "2", "3", "4", "5", "6", "7");
        assertThat(devices).extracting(AcceleratorDevice::id).first()
                .isEqualTo("GPU-004f693d-767b-b215-b4a9-a18af0ffd643");
        assertThat(devices).allSatisfy(device -> assertThat(device.attributes()).containsEntry("minorSource", "index"));
        assertThat(messages(Level.WARN)).hasSize(8).first().asString().contains("taking its index 0 as the minor");
    }

    @Test
    void replacesAGpuInMigModeByItsMigInstances() {
        FakeSmi smi = FakeSmi.printing(folder, "query-mig-a100.csv", 0, "list-mig-a100.txt");

        List<AcceleratorDevice> devices = gpus(smi, emptyProc).discover();

        assertThat(devices).extracting(AcceleratorDevice::id).containsExactly(
                "MIG-ce861fb0-a248-58ce-a9a8-f9adbc22a66a", "MIG-a45882f0-9215-5733-a0c1-49286ab31cb5",
                "MIG-f00d722c-f4e1-52c9-aa31-750441ae1bfe", "MIG-930574a9-d43a-5d2b-95da-3e68384c8d6b",
                "GPU-d8594bd4-0fc3-8595-e355-7c98138f3b95", "GPU-5e375e7e-b41f-155b-dcdc-534524c356fc",
                "GPU-69ec2344-ebac-b028-f88f-452abb3d7f11");
        assertThat(devices.get(0).model()).isEqualTo("NVIDIA A100-SXM4-80GB MIG 1g.20gb");
        assertThat(devices.get(0).attributes()).containsEntry("parentGpu", "GPU-513536b6-7d19-9063-b049-1e69664bb298")
                .containsEntry("migProfile", "1g.20gb").containsEntry("minor", "0").containsEntry("migMode", "Enabled");
        assertThat(devices.get(4).attributes()).doesNotContainKey("parentGpu");
        assertThat(smi.calls()).containsExactly(QUERY, "-L");
    }

    @Test
    void aGpuInMigModeWhoseInstancesCannotBeListedOffersNothingAndTheOthersStillDo() {
        FakeSmi smi = FakeSmi.printing(folder, "query-mig-a100.csv", 0, "driver-missing.txt", 9);

        assertThat(gpus(smi, emptyProc).discover()).extracting(AcceleratorDevice::id).containsExactly(
                "GPU-d8594bd4-0fc3-8595-e355-7c98138f3b95", "GPU-5e375e7e-b41f-155b-dcdc-534524c356fc",
                "GPU-69ec2344-ebac-b028-f88f-452abb3d7f11");
        assertThat(messages(Level.WARN)).anySatisfy(message -> assertThat(message)
                .startsWith("no MIG instance found: `" + smi.settings(1).smiPath() + " -L` exited with status 9"));
        assertThat(messages(Level.WARN)).anySatisfy(message -> assertThat(message)
                .contains("GPU-513536b6-7d19-9063-b049-1e69664bb298) is in MIG mode without MIG instances"));
    }

    @Test
    void aMissingDriverGivesNoDeviceAndALogLineWithNvidiaSmisOwnWords() {
        FakeSmi smi = FakeSmi.printing(folder, "driver-missing.txt", 9, null);

        assertThat(gpus(smi, emptyProc).discover()).isEmpty();
        assertThat(messages(Level.WARN)).singleElement().asString()
                .startsWith("no NVIDIA device found: `" + smi.settings(1).smiPath() + " " + QUERY
                        + "` exited with status 9: NVIDIA-SMI has failed because it couldn't communicate with the"
                        + " NVIDIA driver.");
    }

    @Test
    void aMissingCommandGivesNoDeviceAndALogLineNamingTheSetting() {
        NvidiaSettings settings = new NvidiaSettings(folder.resolve("absent/nvidia-smi").toString(),
                Duration.ofSeconds(5));

        assertThat(new NvidiaGpus(settings, emptyProc, folder).discover()).isEmpty();
        assertThat(messages(Level.WARN)).singleElement().asString()
                .startsWith("no NVIDIA device found: cannot run " + settings.smiPath() + ": ")
                .contains("No such file or directory")
                .endsWith("(the program is set with Nvidia.NvidiaSmiPath or NVIDIASMIPATH)");
    }

    @Test
    void garbageGivesNoDeviceAndALogLineQuotingIt() {
        FakeSmi smi = FakeSmi.printing(folder, "garbage.txt", 0, null);

        assertThat(gpus(smi, emptyProc).discover()).isEmpty();
        assertThat(messages(Level.WARN)).singleElement().asString()
                .contains("printed what this plugin cannot read: not a line of").contains("<!DOCTYPE html>");
    }

    @Test
    void anOldDriverThatDoesNotKnowMigGivesNoDeviceAndSaysWhy() {
        FakeSmi smi = FakeSmi.printing(folder, "old-driver-unknown-field.txt", 2, null);

        assertThat(gpus(smi, emptyProc).discover()).isEmpty();
        assertThat(messages(Level.WARN)).singleElement().asString()
                .contains("exited with status 2: Field \"mig.mode.current\" is not a valid field to query.");
    }

    @Test
    void anNvidiaSmiThatHangsIsKilledAtItsTimeoutAndGivesNoDevice() {
        FakeSmi smi = FakeSmi.hanging(folder);
        Instant start = Instant.now();

        assertThat(new NvidiaGpus(smi.settings(1), emptyProc, folder).discover()).isEmpty();

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(messages(Level.WARN)).singleElement().asString()
                .startsWith("no NVIDIA device found: `" + smi.settings(1).smiPath() + " " + QUERY)
                .endsWith("did not end within 1 s and was killed");
        assertThat(ProcessHandle.current().descendants()).noneMatch(process -> process.info().commandLine()
                .orElse("").contains("sleep 600"));
    }

    @Test
    void logsTheDevicesFound() {
        FakeSmi smi = FakeSmi.printing(folder, "query-single-h100.csv", 0, null);

        gpus(smi, Fixtures.path("proc-h100")).discover();

        assertThat(messages(Level.INFO)).containsExactly(
                "NVIDIA devices found: GPU-9221d5d1-b60b-a624-bf14-0a1819cfda3b (NVIDIA H100 80GB HBM3)");
    }

    private static NvidiaGpus gpus(FakeSmi smi, Path procRoot) {
        return new NvidiaGpus(smi.settings(5), procRoot, Path.of("/nonexistent"));
    }

    private List<String> messages(Level level) {
        return log.list.stream().filter(event -> event.getLevel() == level).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }
}
