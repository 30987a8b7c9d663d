package eu.interlink.jvm.gpu.nvidia;

/** The attribute names of the devices that discovery makes and exposure reads. */
final class DeviceAttributes {

    /** nvidia-smi's index of the GPU (of the parent GPU, for a MIG instance). */
    static final String INDEX = "index";
    /** The GPU's PCI bus id, as nvidia-smi prints it. */
    static final String PCI_BUS_ID = "pciBusId";
    /** The GPU's total memory in MiB. */
    static final String MEMORY_MIB = "memoryMiB";
    /** {@code Enabled}, {@code Disabled} or {@code [N/A]}. */
    static final String MIG_MODE = "migMode";
    /** The minor of the GPU's device file {@code /dev/nvidia<minor>} (of the parent GPU, for a MIG instance). */
    static final String MINOR = "minor";
    /** Where the minor came from: {@code driver} (the driver's /proc file) or {@code index} (the fallback). */
    static final String MINOR_SOURCE = "minorSource";
    /** For a MIG instance: the UUID of its GPU. */
    static final String PARENT_GPU = "parentGpu";
    /** For a MIG instance: its profile, such as {@code 1g.10gb}. */
    static final String MIG_PROFILE = "migProfile";

    private DeviceAttributes() {
    }
}
