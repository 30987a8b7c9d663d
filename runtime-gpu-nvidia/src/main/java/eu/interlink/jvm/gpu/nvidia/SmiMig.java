package eu.interlink.jvm.gpu.nvidia;

/**
 * One MIG instance as {@code nvidia-smi -L} lists it under its GPU.
 *
 * @param parentUuid the UUID of the GPU it is part of
 * @param profile    such as {@code 1g.10gb}
 * @param device     its number under the GPU, as listed ({@code Device  0})
 * @param uuid       such as {@code MIG-feb88891-0321-5fef-9c87-d4af3b54259e}, or
 *                   {@code MIG-GPU-<gpu uuid>/<gi>/<ci>} from drivers before R470
 */
record SmiMig(String parentUuid, String profile, int device, String uuid) {
}
