package eu.interlink.jvm.gpu.nvidia;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the minor number of a GPU's device file ({@code /dev/nvidia<minor>}) in the driver's
 * {@code <proc>/driver/nvidia/gpus/<domain:bus:device.function>/information}, line {@code Device Minor:}.
 * nvidia-smi's index is enumeration order (by PCI bus id) and differs from the minor on some machines.
 */
final class DeviceMinors {

    private static final Pattern MINOR = Pattern.compile("(?m)^Device Minor:\\s*(\\d+)\\s*$");

    private final Path procRoot;

    /** Minors read under {@code procRoot}, {@code /proc} on a real host. */
    DeviceMinors(Path procRoot) {
        this.procRoot = procRoot;
    }

    /**
     * The minor of the GPU at this PCI bus id, as nvidia-smi prints it ({@code 00000000:62:00.0}).
     *
     * @return the minor; empty when the driver's file is missing or has no such line
     */
    Optional<Integer> of(String pciBusId) {
        Path information = procRoot.resolve("driver/nvidia/gpus").resolve(procName(pciBusId)).resolve("information");
        try {
            Matcher matcher = MINOR.matcher(Files.readString(information, StandardCharsets.UTF_8));
            return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** nvidia-smi prints an 8-digit PCI domain in upper case; the driver's folders have 4 digits, in lower case. */
    static String procName(String pciBusId) {
        String id = pciBusId.toLowerCase(Locale.ROOT);
        int colon = id.indexOf(':');
        return colon > 4 ? id.substring(colon - 4) : id;
    }
}
