package eu.interlink.jvm.gpu.nvidia;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the output of {@code nvidia-smi --query-gpu=index,uuid,name,memory.total,mig.mode.current,pci.bus_id
 * --format=csv,noheader,nounits}: one GPU a line, fields separated by {@code ", "}.
 */
final class GpuQueryParser {

    /** The query's fields, in the order the parser expects them. */
    static final String FIELDS = "index,uuid,name,memory.total,mig.mode.current,pci.bus_id";

    private static final Pattern INDEX = Pattern.compile("\\d{1,4}");
    private static final Pattern GPU_UUID = Pattern.compile("GPU-[0-9a-fA-F-]{8,}");
    private static final Pattern BUS_ID = Pattern.compile("[0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]");

    private GpuQueryParser() {
    }

    /**
     * The GPUs of the output, in its order.
     *
     * @param output what nvidia-smi printed on standard output
     * @return the GPUs; empty when the output lists none
     * @throws IllegalArgumentException naming the first line that is not such a GPU line
     */
    static List<SmiGpu> parse(String output) {
        List<SmiGpu> gpus = new ArrayList<>();
        for (String line : output.split("\\R")) {
            if (!line.isBlank()) {
                gpus.add(gpu(line.strip()));
            }
        }
        return List.copyOf(gpus);
    }

    private static SmiGpu gpu(String line) {
        String[] fields = Arrays.stream(line.split(",")).map(String::strip).toArray(String[]::new);
        if (fields.length < 6) {
            throw unexpected(line);
        }
        int last = fields.length - 1;
        String index = fields[0];
        String uuid = fields[1];
        // A name with a comma in it spans several fields; the fields after it are fixed.
        String name = String.join(", ", Arrays.copyOfRange(fields, 2, last - 2));
        String busId = fields[last];
        if (!INDEX.matcher(index).matches() || !GPU_UUID.matcher(uuid).matches() || name.isEmpty()
                || !BUS_ID.matcher(busId).matches()) {
            throw unexpected(line);
        }
        return new SmiGpu(Integer.parseInt(index), uuid, name, fields[last - 2], fields[last - 1], busId);
    }

    private static IllegalArgumentException unexpected(String line) {
        String shown = line.length() > 200 ? line.substring(0, 200) + "..." : line;
        return new IllegalArgumentException("not a line of `--query-gpu=" + FIELDS + "`: '" + shown + "'");
    }
}
