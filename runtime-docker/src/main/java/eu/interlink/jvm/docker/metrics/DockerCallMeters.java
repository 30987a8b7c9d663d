package eu.interlink.jvm.docker.metrics;

import com.github.dockerjava.api.exception.NotFoundException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Counts the runtime's request/response calls to Docker engines, and those that failed, by engine and operation:
 * {@code interlink.docker.calls} and {@code interlink.docker.call.errors}, tagged {@code engine} ({@value #HOST} or
 * {@value #SANDBOX}) and {@code operation}, the first word of what the call does ({@code inspect}, {@code create},
 * {@code start}, {@code remove}, {@code list}, {@code load}, {@code pull}, ...), so that the number of series stays
 * bounded whatever the calls name. A call failed when it threw: no answer in time, the engine could not be reached,
 * or the engine answered with an error. A 404 is an answer, not a failure: the runtime asks whether an image or a
 * container is there as often as it asks for one it knows is; nor is a call the runtime cancelled (a pod deleted while
 * its image moves). Thread-safe.
 */
public final class DockerCallMeters {

    /** The {@code engine} tag of the host's engine. */
    public static final String HOST = "host";
    /** The {@code engine} tag of the sandboxes' inner engines. */
    public static final String SANDBOX = "sandbox";

    private static final Pattern WORD = Pattern.compile("[a-z]+");
    private static final String OTHER = "other";

    private final MeterRegistry registry;

    /** @param registry where the counters are registered */
    public DockerCallMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Makes the call, counting it, and counting it as failed when it throws anything but a cancellation or a 404.
     *
     * @param engine {@value #HOST} or {@value #SANDBOX}
     * @param action what the call does, such as {@code inspect container 3f2a}
     */
    public <T> T count(String engine, String action, Supplier<T> call) {
        String operation = operation(action);
        counter("interlink.docker.calls", "Docker calls made", engine, operation).increment();
        try {
            return call.get();
        } catch (CancellationException | NotFoundException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            counter("interlink.docker.call.errors", "Docker calls that failed", engine, operation).increment();
            throw e;
        }
    }

    /** The first word of the action, in lower case; {@code other} when it is not a word. */
    static String operation(String action) {
        int space = action.indexOf(' ');
        String first = (space < 0 ? action : action.substring(0, space)).toLowerCase(Locale.ROOT);
        return WORD.matcher(first).matches() ? first : OTHER;
    }

    private Counter counter(String name, String description, String engine, String operation) {
        return Counter.builder(name).description(description).tag("engine", engine).tag("operation", operation)
                .register(registry);
    }
}
