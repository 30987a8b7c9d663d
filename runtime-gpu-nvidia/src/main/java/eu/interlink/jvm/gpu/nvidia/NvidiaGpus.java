package eu.interlink.jvm.gpu.nvidia;

import eu.interlink.jvm.api.accelerator.Accelerator;
import eu.interlink.jvm.api.accelerator.AcceleratorDevice;
import eu.interlink.jvm.api.accelerator.DeviceExposure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NVIDIA GPUs of this host, found with {@code nvidia-smi}: each GPU by its UUID, or, for a GPU in MIG mode, each
 * of its MIG instances by their UUID instead.
 *
 * <p>Discovery never fails: a missing {@code nvidia-smi} or driver, a run that takes longer than its timeout (it is
 * killed) or output it cannot read is logged as a warning starting {@code no NVIDIA device found:} with the reason,
 * and gives no device. A GPU's device minor comes from the driver's
 * {@code /proc/driver/nvidia/gpus/<bus id>/information}; when that file cannot be read, nvidia-smi's index is
 * taken instead, with a warning, as the two are equal on most machines but not all.
 */
public final class NvidiaGpus implements Accelerator {

    private static final Logger LOG = LoggerFactory.getLogger(NvidiaGpus.class);

    private final NvidiaSettings settings;
    private final BoundedCommand smi;
    private final DeviceMinors minors;
    private final NvidiaExposure exposure;

    NvidiaGpus(NvidiaSettings settings, Path procRoot, Path devRoot) {
        this.settings = settings;
        this.smi = new BoundedCommand(settings.smiPath(), settings.smiTimeout());
        this.minors = new DeviceMinors(procRoot);
        this.exposure = new NvidiaExposure(devRoot);
    }

    /** The GPUs of this host, read from {@code /proc} and exposed from {@code /dev}. */
    public static NvidiaGpus onThisHost(NvidiaSettings settings) {
        return new NvidiaGpus(settings, Path.of("/proc"), Path.of("/dev"));
    }

    @Override
    public String resourceName() {
        return NvidiaGpuProvider.RESOURCE;
    }

    @Override
    public List<AcceleratorDevice> discover() {
        Optional<List<SmiGpu>> gpus = run("no NVIDIA device found", GpuQueryParser::parse,
                "--query-gpu=" + GpuQueryParser.FIELDS, "--format=csv,noheader,nounits");
        if (gpus.isEmpty()) {
            return List.of();
        }
        Map<String, List<SmiMig>> migs = new HashMap<>();
        if (gpus.get().stream().anyMatch(SmiGpu::migEnabled)) {
            run("no MIG instance found", MigListParser::parse, "-L").ifPresent(listed -> listed
                    .forEach(mig -> migs.computeIfAbsent(mig.parentUuid(), uuid -> new ArrayList<>()).add(mig)));
        }
        List<AcceleratorDevice> devices = new ArrayList<>();
        for (SmiGpu gpu : gpus.get()) {
            Map<String, String> attributes = gpuAttributes(gpu);
            if (!gpu.migEnabled()) {
                devices.add(new AcceleratorDevice(gpu.uuid(), gpu.name(), attributes));
                continue;
            }
            List<SmiMig> instances = migs.getOrDefault(gpu.uuid(), List.of());
            if (instances.isEmpty()) {
                LOG.warn("NVIDIA GPU {} ({}) is in MIG mode without MIG instances listed by `{} -L`:"
                        + " it offers no device", gpu.index(), gpu.uuid(), settings.smiPath());
            }
            for (SmiMig mig : instances) {
                Map<String, String> migAttributes = new HashMap<>(attributes);
                migAttributes.put(DeviceAttributes.PARENT_GPU, gpu.uuid());
                migAttributes.put(DeviceAttributes.MIG_PROFILE, mig.profile());
                devices.add(new AcceleratorDevice(mig.uuid(), gpu.name() + " MIG " + mig.profile(), migAttributes));
            }
        }
        if (devices.isEmpty()) {
            LOG.warn("no NVIDIA device found: `{}` lists no GPU or MIG instance", settings.smiPath());
        } else {
            LOG.info("NVIDIA devices found: {}", devices.stream()
                    .map(device -> device.id() + " (" + device.model() + ")").collect(Collectors.joining(", ")));
        }
        return List.copyOf(devices);
    }

    @Override
    public DeviceExposure expose(List<AcceleratorDevice> devices) {
        return exposure.of(devices);
    }

    /** The NVIDIA container runtime's way to give a container no GPU, whatever its image sets. */
    @Override
    public Map<String, String> hidingEnvironment() {
        return Map.of("NVIDIA_VISIBLE_DEVICES", "void");
    }

    private Map<String, String> gpuAttributes(SmiGpu gpu) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put(DeviceAttributes.INDEX, Integer.toString(gpu.index()));
        attributes.put(DeviceAttributes.PCI_BUS_ID, gpu.pciBusId());
        attributes.put(DeviceAttributes.MEMORY_MIB, gpu.memoryMiB());
        attributes.put(DeviceAttributes.MIG_MODE, gpu.migMode());
        Optional<Integer> minor = minors.of(gpu.pciBusId());
        if (minor.isEmpty()) {
            LOG.warn("the device minor of NVIDIA GPU {} ({}) is not in the driver's"
                    + " /proc/driver/nvidia/gpus/{}/information: taking its index {} as the minor of /dev/nvidia{}",
                    gpu.index(), gpu.uuid(),
                    DeviceMinors.procName(gpu.pciBusId()), gpu.index(), gpu.index());
        }
        attributes.put(DeviceAttributes.MINOR, Integer.toString(minor.orElse(gpu.index())));
        attributes.put(DeviceAttributes.MINOR_SOURCE, minor.isPresent() ? "driver" : "index");
        return attributes;
    }

    /** Runs nvidia-smi and reads what it printed; empty, the reason logged after {@code failure}, when either fails. */
    private <T> Optional<T> run(String failure, Function<String, T> parser, String... arguments) {
        String command = settings.smiPath() + " " + String.join(" ", arguments);
        try {
            BoundedCommand.Result result = smi.run(arguments);
            if (result.exitCode() != 0) {
                LOG.warn("{}: `{}` exited with status {}: {}", failure, command, result.exitCode(),
                        result.printed());
                return Optional.empty();
            }
            return Optional.of(parser.apply(result.stdout()));
        } catch (BoundedCommand.CommandException e) {
            if (e.started()) {
                LOG.warn("{}: {}", failure, e.getMessage());
            } else {
                LOG.warn("{}: {} (the program is set with {}.{} or {})", failure, e.getMessage(),
                        NvidiaSettings.SECTION, NvidiaSettings.SMI_PATH, NvidiaSettings.SMI_PATH.toUpperCase(Locale.ROOT));
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            LOG.warn("{}: `{}` printed what this plugin cannot read: {}", failure, command, e.getMessage());
            return Optional.empty();
        }
    }
}
