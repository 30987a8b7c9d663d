package eu.interlink.jvm.gpu.nvidia;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the MIG instances from {@code nvidia-smi -L}:
 *
 * <pre>
 * GPU 0: NVIDIA A100-SXM4-80GB (UUID: GPU-7fdaf0a5-179b-f636-d15d-daf243e3ff16)
 *   MIG 1g.10gb     Device  0: (UUID: MIG-feb88891-0321-5fef-9c87-d4af3b54259e)
 * GPU 1: NVIDIA A100-SXM4-80GB (UUID: GPU-d8594bd4-0fc3-8595-e355-7c98138f3b95)
 * </pre>
 */
final class MigListParser {

    private static final Pattern GPU = Pattern.compile("GPU \\d+: .* \\(UUID: (GPU-[0-9a-fA-F-]+)\\)");
    private static final Pattern MIG = Pattern.compile("MIG (\\S+)\\s+Device\\s+(\\d+): \\(UUID: (MIG-[^)\\s]+)\\)");

    private MigListParser() {
    }

    /**
     * The MIG instances listed, in their order, each with its GPU's UUID.
     *
     * @throws IllegalArgumentException naming the first line that is neither a GPU nor a MIG line, or a MIG line
     *                                  before any GPU line
     */
    static List<SmiMig> parse(String output) {
        List<SmiMig> migs = new ArrayList<>();
        String parent = null;
        for (String line : output.split("\\R")) {
            String stripped = line.strip();
            if (stripped.isEmpty()) {
                continue;
            }
            Matcher gpu = GPU.matcher(stripped);
            Matcher mig = MIG.matcher(stripped);
            if (gpu.matches()) {
                parent = gpu.group(1);
            } else if (mig.matches() && parent != null) {
                migs.add(new SmiMig(parent, mig.group(1), Integer.parseInt(mig.group(2)), mig.group(3)));
            } else {
                throw new IllegalArgumentException("not a line of `nvidia-smi -L`: '" + stripped + "'");
            }
        }
        return List.copyOf(migs);
    }
}
