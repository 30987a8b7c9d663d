package eu.interlink.jvm.docker.lifecycle;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks the values of a container that are read later, when it is planned or started, so that a bad one is a
 * 400 naming its field rather than a failure deep inside: resource quantities (parsable, not negative), the
 * divisors of {@code resourceFieldRef}s (parsable, above zero) and environment variable names (printable ASCII
 * without {@code =}, as Kubernetes requires).
 */
final class ContainerValues {

    private static final Pattern ENV_NAME = Pattern.compile("[ -<>-~]+");

    private ContainerValues() {
    }

    /** The first bad value of the container, naming its field under {@code at}; empty when there is none. */
    static Optional<String> problem(String at, Container container) {
        ResourceRequirements resources = container.getResources();
        if (resources != null) {
            Optional<String> problem = quantities(at + ".resources.limits", resources.getLimits())
                    .or(() -> quantities(at + ".resources.requests", resources.getRequests()));
            if (problem.isPresent()) {
                return problem;
            }
        }
        List<EnvVar> env = container.getEnv() == null ? List.of() : container.getEnv();
        for (int i = 0; i < env.size(); i++) {
            Optional<String> problem = envVar(at + ".env[" + i + "]", env.get(i));
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> quantities(String at, Map<String, Quantity> amounts) {
        if (amounts == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, Quantity> amount : amounts.entrySet()) {
            BigDecimal value = valueOf(amount.getValue());
            if (value == null || value.signum() < 0) {
                return Optional.of(at + "." + amount.getKey() + ": '" + text(amount.getValue())
                        + "' is not a non-negative quantity");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> envVar(String at, EnvVar env) {
        if (env == null || env.getName() == null || !ENV_NAME.matcher(env.getName()).matches()) {
            return Optional.of(at + ".name: '" + (env == null ? null : env.getName())
                    + "' is not an environment variable name (printable ASCII without '=')");
        }
        ResourceFieldSelector field = env.getValueFrom() == null ? null : env.getValueFrom().getResourceFieldRef();
        if (field != null && field.getDivisor() != null) {
            BigDecimal divisor = valueOf(field.getDivisor());
            if (divisor == null || divisor.signum() <= 0) {
                return Optional.of(at + ".valueFrom.resourceFieldRef.divisor: '" + text(field.getDivisor())
                        + "' is not a positive quantity");
            }
        }
        return Optional.empty();
    }

    private static BigDecimal valueOf(Quantity quantity) {
        try {
            return quantity == null ? null : Quantity.getAmountInBytes(quantity);
        } catch (ArithmeticException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(Quantity quantity) {
        return quantity == null ? null : quantity.toString();
    }
}
