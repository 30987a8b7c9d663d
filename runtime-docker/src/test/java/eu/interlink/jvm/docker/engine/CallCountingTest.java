package eu.interlink.jvm.docker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every call an {@link Engine} makes is counted by engine and by the first word of what it does, and every call that
 * throws is counted as an error, except a cancelled one: against the host's real engine, and a socket where none is.
 */
class CallCountingTest {

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final TestEngines testEngines = new TestEngines(Duration.ofSeconds(10), meters);
    private final EngineFactory engines = testEngines.factory();

    @TempDir
    Path folder;

    @AfterEach
    void stop() {
        testEngines.close();
    }

    @Test
    void callsToTheHostEngineAreCountedByTheFirstWordOfWhatTheyDo() {
        try (Engine host = engines.host()) {
            host.call("ping", client -> client.pingCmd().exec());
            host.call("ping", client -> client.pingCmd().exec());
            host.call("Info about the engine", client -> client.infoCmd().exec());

            assertThat(calls("host", "ping")).isEqualTo(2);
            assertThat(calls("host", "info")).isEqualTo(1);
            assertThat(meters.find("interlink.docker.call.errors").counters()).isEmpty();
        }
    }

    @Test
    void anErrorAnswerIsCountedAsAFailedCallButA404IsAnAnswer() {
        try (Engine host = engines.host()) {
            assertThatThrownBy(() -> host.call("inspect image interlink-jvm/not-built:anywhere",
                    client -> client.inspectImageCmd("interlink-jvm/not-built:anywhere").exec()))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> host.call("create container named 'no such name!'",
                    client -> client.createContainerCmd("interlink-jvm/busybox:local").withName("no such name!").exec()))
                    .isInstanceOf(BadRequestException.class);

            assertThat(calls("host", "inspect")).isEqualTo(1);
            assertThat(meters.find("interlink.docker.call.errors").tag("operation", "inspect").counters()).isEmpty();
            assertThat(calls("host", "create")).isEqualTo(1);
            assertThat(errors("host", "create")).isEqualTo(1);
        }
    }

    @Test
    void aCallToAnEngineThatDoesNotAnswerIsCountedAsAFailedCallOfASandbox() {
        try (Engine nowhere = engines.unixSocket(folder.resolve("docker.sock"))) {
            assertThatThrownBy(() -> nowhere.call("list running containers",
                    client -> client.listContainersCmd().exec())).isInstanceOf(EngineException.class);

            assertThat(calls("sandbox", "list")).isEqualTo(1);
            assertThat(errors("sandbox", "list")).isEqualTo(1);
            assertThat(meters.find("interlink.docker.calls").tag("engine", "host").counters()).isEmpty();
        }
    }

    @Test
    void aCancelledLongCallIsCountedButNotAsAnError() {
        Cancellation cancellation = new Cancellation();
        cancellation.cancel();
        try (Engine host = engines.host()) {
            assertThatThrownBy(() -> host.longCall("pull something", Duration.ofSeconds(10), cancellation, client -> {
                LockSupport.parkNanos(Duration.ofSeconds(10).toNanos());
                return null;
            })).isInstanceOf(CancellationException.class);

            assertThat(calls("host", "pull")).isEqualTo(1);
            assertThat(meters.find("interlink.docker.call.errors").counters()).isEmpty();
        }
    }

    @Test
    void anActionThatDoesNotBeginWithAWordIsCountedAsOther() {
        try (Engine host = engines.host()) {
            host.call("4 pings", client -> client.pingCmd().exec());

            assertThat(calls("host", "other")).isEqualTo(1);
        }
    }

    private double calls(String engine, String operation) {
        return counter("interlink.docker.calls", engine, operation).count();
    }

    private double errors(String engine, String operation) {
        return counter("interlink.docker.call.errors", engine, operation).count();
    }

    private Counter counter(String name, String engine, String operation) {
        return meters.get(name).tag("engine", engine).tag("operation", operation).counter();
    }
}
