package eu.interlink.jvm.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import eu.interlink.jvm.api.accelerator.AcceleratorProvider;
import eu.interlink.jvm.api.runtime.PodRuntimeProvider;
import eu.interlink.jvm.host.config.ConfigLoader;
import eu.interlink.jvm.host.config.UsageException;
import eu.interlink.jvm.host.logging.LogLevels;
import eu.interlink.jvm.host.plugins.PluginFolder;
import eu.interlink.jvm.host.testing.Client;
import eu.interlink.jvm.host.testing.ServiceClassLoader;
import eu.interlink.jvm.host.testing.ServiceJar;
import eu.interlink.jvm.host.testing.TestProviders;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/** The whole start, from the command line to a serving host, and the one line and exit status of each failure. */
class LauncherTest {

    @TempDir
    Path directory;

    private final LoggerContext logging = new LoggerContext();
    private Path config;

    @BeforeEach
    void writeConfig() throws IOException {
        config = Files.writeString(directory.resolve("InterLinkConfig.yaml"), "SidecarPort: 0\nGreeting: hello\n");
    }

    @Test
    void starts_the_only_runtime_with_the_settings_and_accelerators() throws Exception {
        ServiceClassLoader.listing(directory, AcceleratorProvider.class, TestProviders.Gpu.class, TestProviders.DisabledNpu.class);
        ClassLoader classes = classes(TestProviders.FakeRuntime.class);

        try (PluginHost host = launcher(Map.of(), classes).launch("-interlinkconfigpath", config.toString(), "-verbose");
             Client client = new Client(host.uri())) {
            assertThat(host.uri().getHost()).isEqualTo("127.0.0.1");
            assertThat(Client.json(client.send("GET", "/readyz", null)).get("detail").asText())
                    .isEqualTo("hello with example.com/gpu");
        }
        assertThat(logging.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.DEBUG);
    }

    @Test
    void starts_the_runtime_named_by_host_runtime() throws Exception {
        Files.writeString(config, "SidecarPort: 0\nGreeting: hi\nHost:\n  PodRuntime: fake\n");
        ClassLoader classes = classes(TestProviders.OtherRuntime.class, TestProviders.FakeRuntime.class);

        try (PluginHost host = launcher(Map.of(), classes).launch("-interlinkconfigpath=" + config);
             Client client = new Client(host.uri())) {
            assertThat(Client.json(client.send("GET", "/readyz", null)).get("detail").asText()).isEqualTo("hi with ");
        }
    }

    @Test
    void finds_the_runtime_and_the_accelerators_in_the_jars_of_the_configured_plugins_folder() throws Exception {
        Path plugins = Files.createDirectory(directory.resolve("extensions"));
        ServiceJar.write(plugins.resolve("runtime.jar"), PodRuntimeProvider.class, TestProviders.FakeRuntime.class);
        ServiceJar.write(plugins.resolve("gpu.jar"), AcceleratorProvider.class, TestProviders.Gpu.class);
        Files.writeString(config, "SidecarPort: 0\nGreeting: hey\nHost:\n  PluginsFolder: " + plugins + "\n");

        try (PluginHost host = launcher(Map.of(), classes()).launch("-interlinkconfigpath", config.toString());
             Client client = new Client(host.uri())) {
            assertThat(Client.json(client.send("GET", "/readyz", null)).get("detail").asText())
                    .isEqualTo("hey with example.com/gpu");
        }
    }

    @Test
    void finds_the_runtime_in_the_default_plugins_folder() throws Exception {
        Path plugins = Files.createDirectory(directory.resolve(PluginFolder.DEFAULT_NAME));
        ServiceJar.write(plugins.resolve("runtime.jar"), PodRuntimeProvider.class, TestProviders.FakeRuntime.class);

        try (PluginHost host = launcher(Map.of(), classes()).launch("-interlinkconfigpath", config.toString());
             Client client = new Client(host.uri())) {
            assertThat(Client.json(client.send("GET", "/readyz", null)).get("detail").asText()).isEqualTo("hello with ");
        }
    }

    @Test
    void exits_2_when_the_configured_plugins_folder_is_missing() {
        Path missing = directory.resolve("missing");

        assertLaunchFails(2, Map.of("PLUGINSFOLDER", missing.toString()), classes(TestProviders.FakeRuntime.class),
                "-interlinkconfigpath", config.toString())
                .hasMessage("Host.PluginsFolder: expected a folder of plugin jars, got '" + missing
                        + " (no such folder)'");
    }

    @Test
    void exits_1_naming_a_plugin_jar_that_is_no_jar() throws IOException {
        Path plugins = Files.createDirectory(directory.resolve(PluginFolder.DEFAULT_NAME));
        Path broken = Files.writeString(plugins.resolve("broken.jar"), "not a jar");

        assertLaunchFails(1, classes(TestProviders.FakeRuntime.class), "-interlinkconfigpath", config.toString())
                .hasMessageStartingWith("the plugin jar " + broken + " is not a jar");
    }

    @Test
    void exits_1_without_a_runtime() {
        assertLaunchFails(1, classes(), "-interlinkconfigpath", config.toString())
                .hasMessageStartingWith("no PodRuntimeProvider on the classpath: ");
    }

    @Test
    void exits_1_when_several_runtimes_and_none_chosen() {
        assertLaunchFails(1, classes(TestProviders.FakeRuntime.class, TestProviders.OtherRuntime.class),
                "-interlinkconfigpath", config.toString())
                .hasMessageStartingWith("several PodRuntimeProviders on the classpath (fake, other)");
    }

    @Test
    void exits_1_with_the_runtimes_message_when_its_backend_is_unreachable() {
        assertLaunchFails(1, classes(TestProviders.UnreachableRuntime.class), "-interlinkconfigpath", config.toString())
                .hasMessage("cannot reach Docker at unix:///var/run/docker.sock: connection refused");
    }

    @Test
    void exits_1_when_the_port_is_taken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, String> environment = Map.of("SIDECARPORT", String.valueOf(taken.getLocalPort()));

            assertLaunchFails(1, environment, classes(TestProviders.FakeRuntime.class), "-interlinkconfigpath", config.toString())
                    .hasMessageStartingWith("cannot listen on http://127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void exits_2_with_the_key_for_a_bad_value() {
        assertLaunchFails(2, Map.of("SIDECARPORT", "abc"), classes(TestProviders.FakeRuntime.class),
                "-interlinkconfigpath", config.toString())
                .hasMessage("SidecarPort: expected an integer from 0 to 65535, got 'abc'");
    }

    @Test
    void exits_2_when_the_given_config_file_is_missing() {
        Path missing = directory.resolve("missing.yaml");

        assertLaunchFails(2, classes(TestProviders.FakeRuntime.class), "-interlinkconfigpath", missing.toString())
                .hasMessage(missing + ": no such file");
    }

    @Test
    void exits_2_with_the_usage_for_an_unknown_argument() {
        assertLaunchFails(2, classes(TestProviders.FakeRuntime.class), "--port=4000")
                .hasMessage("unknown flag '--port=4000'; " + UsageException.USAGE);
    }

    @Test
    void exits_0_with_the_usage_when_asked_for_help() {
        assertLaunchFails(0, classes(TestProviders.FakeRuntime.class), "-h").hasMessage(UsageException.USAGE);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertLaunchFails(int status, ClassLoader classes,
            String... args) {
        return assertLaunchFails(status, Map.of(), classes, args);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertLaunchFails(int status, Map<String, String> environment,
            ClassLoader classes, String... args) {
        return assertThatThrownBy(() -> launcher(environment, classes).launch(args).close())
                .isInstanceOf(LaunchException.class)
                .satisfies(e -> assertThat(((LaunchException) e).exitStatus()).isEqualTo(status))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private Launcher launcher(Map<String, String> environment, ClassLoader classes) {
        return new Launcher(new ConfigLoader(environment), classes, directory.resolve(PluginFolder.DEFAULT_NAME),
                new LogLevels(logging));
    }

    private ClassLoader classes(Class<?>... runtimes) {
        return ServiceClassLoader.listing(directory, PodRuntimeProvider.class, runtimes);
    }
}
