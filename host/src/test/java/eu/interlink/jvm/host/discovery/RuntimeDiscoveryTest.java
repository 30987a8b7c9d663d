package eu.interlink.jvm.host.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import eu.interlink.jvm.api.runtime.PodRuntimeProvider;
import eu.interlink.jvm.api.settings.InvalidSettingException;
import eu.interlink.jvm.host.testing.ServiceClassLoader;
import eu.interlink.jvm.host.testing.TestProviders;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Choosing the runtime among the providers on the classpath. */
class RuntimeDiscoveryTest {

    @TempDir
    Path directory;

    @Test
    void refuses_to_start_without_a_runtime_saying_which_jar_has_one() {
        RuntimeDiscovery discovery = new RuntimeDiscovery(ServiceClassLoader.listing(directory, PodRuntimeProvider.class));

        assertThatThrownBy(() -> discovery.select(Optional.empty()))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageStartingWith("no PodRuntimeProvider on the classpath: ")
                .hasMessageContaining("the jar built by `mvn package` in host/target")
                .hasMessageContaining("has the Docker runtime inside");
    }

    @Test
    void takes_the_only_runtime() {
        RuntimeDiscovery discovery = discovery(TestProviders.FakeRuntime.class);

        assertThat(discovery.select(Optional.empty())).isInstanceOf(TestProviders.FakeRuntime.class);
    }

    @Test
    void logs_each_provider_found_with_its_class_and_location() {
        Logger logger = (Logger) LoggerFactory.getLogger(ProviderLoader.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logger.addAppender(events);
        try {
            discovery(TestProviders.FakeRuntime.class).select(Optional.empty());
        } finally {
            logger.detachAppender(events);
        }

        assertThat(events.list).singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                .startsWith("found PodRuntimeProvider 'fake': " + TestProviders.FakeRuntime.class.getName() + " from file:")
                .endsWith("/test-classes/"));
    }

    @Test
    void refuses_to_guess_among_several_runtimes_and_lists_them() {
        RuntimeDiscovery discovery = discovery(TestProviders.FakeRuntime.class, TestProviders.OtherRuntime.class);

        assertThatThrownBy(() -> discovery.select(Optional.empty()))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageStartingWith("several PodRuntimeProviders on the classpath (fake, other): ")
                .hasMessageContaining("Host.PodRuntime");
    }

    @Test
    void takes_the_runtime_named_by_host_runtime() {
        RuntimeDiscovery discovery = discovery(TestProviders.FakeRuntime.class, TestProviders.OtherRuntime.class);

        assertThat(discovery.select(Optional.of("other"))).isInstanceOf(TestProviders.OtherRuntime.class);
    }

    @Test
    void refuses_a_name_no_runtime_has_listing_the_names() {
        RuntimeDiscovery discovery = discovery(TestProviders.FakeRuntime.class, TestProviders.OtherRuntime.class);

        assertThatThrownBy(() -> discovery.select(Optional.of("docker")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("Host.PodRuntime: expected one of fake, other, got 'docker'");
    }

    @Test
    void reports_a_provider_that_cannot_be_loaded() {
        RuntimeDiscovery discovery = discovery(TestProviders.BrokenRuntime.class);

        assertThatThrownBy(() -> discovery.select(Optional.empty()))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageStartingWith("cannot load a PodRuntimeProvider: ")
                .hasMessageContaining("BrokenRuntime");
    }

    private RuntimeDiscovery discovery(Class<?>... providers) {
        return new RuntimeDiscovery(ServiceClassLoader.listing(directory, PodRuntimeProvider.class, providers));
    }
}
