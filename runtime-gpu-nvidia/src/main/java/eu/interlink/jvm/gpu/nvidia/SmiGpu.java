package eu.interlink.jvm.gpu.nvidia;

/**
 * One GPU as {@code nvidia-smi --query-gpu} lists it.
 *
 * @param index     nvidia-smi's index (enumeration order, not necessarily the device minor)
 * @param uuid      such as {@code GPU-9221d5d1-b60b-a624-bf14-0a1819cfda3b}
 * @param name      such as {@code NVIDIA H100 80GB HBM3}
 * @param memoryMiB the total memory in MiB, as printed ({@code [N/A]} when unknown)
 * @param migMode   {@code Enabled}, {@code Disabled} or {@code [N/A]} for GPUs without MIG
 * @param pciBusId  as nvidia-smi prints it, such as {@code 00000000:62:00.0}
 */
record SmiGpu(int index, String uuid, String name, String memoryMiB, String migMode, String pciBusId) {

    /** Whether its MIG mode is on now, so that its MIG instances, not the GPU itself, are the devices. */
    boolean migEnabled() {
        return "Enabled".equalsIgnoreCase(migMode);
    }
}
