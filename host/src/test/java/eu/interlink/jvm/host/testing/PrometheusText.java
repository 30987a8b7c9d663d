package eu.interlink.jvm.host.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parser of Prometheus' text format 0.0.4, strict enough to fail on anything malformed: each line is blank, a
 * {@code # HELP name text} or {@code # TYPE name type} comment, another comment, or a sample
 * {@code name{label="value",...} value [timestamp]}, label values escaped as the format says.
 *
 * <pre>{@code
 * PrometheusText metrics = PrometheusText.parse(body);       // an AssertionError names the first bad line
 * double running = metrics.value("interlink_pods", Map.of("phase", "Running"));
 * }</pre>
 */
public final class PrometheusText {

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile(
            "# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(?:\\{(.*)})? (\\S+)(?: (-?\\d+))?");
    private static final Pattern LABEL = Pattern.compile(
            "([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");
    private static final Pattern NUMBER = Pattern.compile("[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?");
    private static final List<String> HISTOGRAM_SUFFIXES = List.of("_bucket", "_count", "_sum", "_created");
    private static final List<String> SUMMARY_SUFFIXES = List.of("_count", "_sum", "_created");

    private final Map<String, String> types;
    private final List<Sample> samples;

    private PrometheusText(Map<String, String> types, List<Sample> samples) {
        this.types = types;
        this.samples = samples;
    }

    /**
     * Parses the text.
     *
     * @throws AssertionError naming the first line that is not in the format, or a TYPE given twice
     */
    public static PrometheusText parse(String text) {
        Map<String, String> types = new LinkedHashMap<>();
        List<Sample> samples = new ArrayList<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.startsWith("# TYPE ")) {
                Matcher type = matching(TYPE, line, number);
                if (types.put(type.group(1), type.group(2)) != null) {
                    throw new AssertionError("line " + number + ": a second TYPE for " + type.group(1));
                }
            } else if (line.startsWith("# HELP ")) {
                matching(HELP, line, number);
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                samples.add(sample(line, number));
            }
        }
        return new PrometheusText(types, List.copyOf(samples));
    }

    /** Every sample, in the order of the text. */
    public List<Sample> samples() {
        return samples;
    }

    /** The samples of this name, in the order of the text. */
    public List<Sample> samples(String name) {
        return samples.stream().filter(sample -> sample.name().equals(name)).toList();
    }

    /** The TYPE of the family this sample belongs to: its own name's, or a histogram's or summary's it ends in. */
    public Optional<String> typeOf(Sample sample) {
        String own = types.get(sample.name());
        if (own != null) {
            return Optional.of(own);
        }
        return familyType(sample.name(), "histogram", HISTOGRAM_SUFFIXES)
                .or(() -> familyType(sample.name(), "summary", SUMMARY_SUFFIXES));
    }

    /** The names of the families of this TYPE. */
    public List<String> families(String type) {
        return types.entrySet().stream().filter(entry -> entry.getValue().equals(type)).map(Map.Entry::getKey)
                .toList();
    }

    /**
     * The value of the one sample of this name whose labels include these.
     *
     * @throws AssertionError when there is none, or more than one
     */
    public double value(String name, Map<String, String> labels) {
        List<Sample> found = matching(name, labels);
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " samples " + name + " with " + labels + ": " + found);
        }
        return found.get(0).value();
    }

    /** The sum of the samples of this name whose labels include these; 0 when there is none. */
    public double sum(String name, Map<String, String> labels) {
        return matching(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    private List<Sample> matching(String name, Map<String, String> labels) {
        return samples(name).stream()
                .filter(sample -> sample.labels().entrySet().containsAll(labels.entrySet())).toList();
    }

    private Optional<String> familyType(String name, String type, List<String> suffixes) {
        return suffixes.stream().filter(name::endsWith)
                .map(suffix -> name.substring(0, name.length() - suffix.length()))
                .filter(family -> type.equals(types.get(family))).map(family -> type).findFirst();
    }

    private static Matcher matching(Pattern pattern, String line, int number) {
        Matcher matcher = pattern.matcher(line);
        if (!matcher.matches()) {
            throw new AssertionError("line " + number + " is not in the format: " + line);
        }
        return matcher;
    }

    private static Sample sample(String line, int number) {
        Matcher sample = matching(SAMPLE, line, number);
        return new Sample(sample.group(1), labels(sample.group(2), line, number), value(sample.group(3), line, number));
    }

    private static Map<String, String> labels(String text, String line, int number) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text == null) {
            return labels;
        }
        Matcher label = LABEL.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (!label.find(at) || label.start() != at) {
                throw new AssertionError("line " + number + ": labels not in the format at \"" + text.substring(at)
                        + "\": " + line);
            }
            String value = label.group(2).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
            if (labels.put(label.group(1), value) != null) {
                throw new AssertionError("line " + number + ": label " + label.group(1) + " given twice: " + line);
            }
            at = label.end();
        }
        return labels;
    }

    private static double value(String text, String line, int number) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                if (!NUMBER.matcher(text).matches()) {
                    throw new AssertionError("line " + number + ": the value " + text + " is no number: " + line);
                }
                yield Double.parseDouble(text);
            }
        };
    }
}
