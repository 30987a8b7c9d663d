package eu.interlink.jvm.api.wire;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The values of the Downward API, as kubelet renders them for variables and files: the pod's metadata fields, and a
 * container's resources.
 */
public final class PodFields {

    private static final Pattern ONE_ENTRY = Pattern.compile("metadata\\.(labels|annotations)\\['(.+)'\\]");

    private PodFields() {
    }

    /**
     * The value of one of the pod's metadata fields: {@code metadata.name}, {@code .namespace}, {@code .uid}, one
     * label or annotation ({@code metadata.labels['app']}: empty when absent), or all of them
     * ({@code metadata.labels}: one {@code key="value"} line per entry, sorted by key, values quoted as Go quotes
     * them); empty for any other path.
     */
    public static Optional<String> metadata(Pod pod, String fieldPath) {
        ObjectMeta metadata = pod.getMetadata();
        Matcher entry = ONE_ENTRY.matcher(fieldPath);
        if (entry.matches()) {
            return Optional.of(entriesOf(metadata, entry.group(1)).getOrDefault(entry.group(2), ""));
        }
        String value = switch (fieldPath) {
            case "metadata.name" -> Objects.requireNonNullElse(metadata.getName(), "");
            case "metadata.namespace" -> Objects.requireNonNullElse(metadata.getNamespace(), "");
            case "metadata.uid" -> Objects.requireNonNullElse(metadata.getUid(), "");
            case "metadata.labels" -> lines(entriesOf(metadata, "labels"));
            case "metadata.annotations" -> lines(entriesOf(metadata, "annotations"));
            default -> null;
        };
        return Optional.ofNullable(value);
    }

    /**
     * The amount of one of the container's resources ({@code limits.cpu}, {@code requests.memory}, ...) divided by
     * {@code divisor} (1 when unset) and rounded up, as kubelet gives it; a problem, named after {@code where}, when
     * the container does not set it or the divisor is not positive.
     */
    public static Optional<String> resource(Container container, ResourceFieldSelector ref, String where,
            List<String> problems) {
        String resource = ref.getResource() == null ? "" : ref.getResource();
        int dot = resource.indexOf('.');
        Map<String, Quantity> amounts = container.getResources() == null ? null
                : resource.startsWith("limits.") ? container.getResources().getLimits()
                : resource.startsWith("requests.") ? container.getResources().getRequests() : null;
        Quantity amount = dot < 0 || amounts == null ? null : amounts.get(resource.substring(dot + 1));
        if (amount == null) {
            problems.add(where + ": resourceFieldRef " + resource + " needs that resource set on the container");
            return Optional.empty();
        }
        BigDecimal divisor = ref.getDivisor() == null ? BigDecimal.ONE : amountOrNull(ref.getDivisor());
        if (divisor == null || divisor.signum() <= 0) {
            problems.add(where + ": resourceFieldRef divisor must be positive");
            return Optional.empty();
        }
        BigDecimal value = Quantity.getAmountInBytes(amount).divide(divisor, 0, RoundingMode.CEILING);
        return Optional.of(value.toPlainString());
    }

    private static BigDecimal amountOrNull(Quantity quantity) {
        try {
            return Quantity.getAmountInBytes(quantity);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return null;
        }
    }

    private static Map<String, String> entriesOf(ObjectMeta metadata, String which) {
        Map<String, String> entries = which.equals("labels") ? metadata.getLabels() : metadata.getAnnotations();
        return entries == null ? Map.of() : entries;
    }

    private static String lines(Map<String, String> entries) {
        return new TreeMap<>(entries).entrySet().stream()
                .map(entry -> entry.getKey() + "=" + GoQuote.quote(Objects.requireNonNullElse(entry.getValue(), "")))
                .collect(Collectors.joining("\n"));
    }
}
