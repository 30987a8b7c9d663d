package eu.interlink.jvm.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.interlink.jvm.api.accelerator.AcceleratorProvider;
import eu.interlink.jvm.host.testing.ServiceJar;
import eu.interlink.jvm.host.testing.TestProviders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files of the plugins folder are loaded, in what order, and the line an unusable one stops the start with. */
class PluginJarsTest {

    private static final ClassLoader HOST = PluginJarsTest.class.getClassLoader();

    @TempDir
    Path directory;

    @Test
    void a_missing_default_folder_loads_nothing() {
        try (PluginJars plugins = PluginJars.open(new PluginFolder(directory.resolve("plugins"), false), HOST)) {
            assertThat(plugins.jars()).isEmpty();
            assertThat(plugins.classLoader().getParent()).isSameAs(HOST);
        }
    }

    @Test
    void a_missing_required_folder_stops_the_start() {
        Path missing = directory.resolve("plugins");

        assertThatThrownBy(() -> PluginJars.open(new PluginFolder(missing, true), HOST))
                .isInstanceOf(PluginJarException.class)
                .hasMessage("no plugins folder at " + missing);
    }

    @Test
    void an_empty_folder_loads_nothing() {
        try (PluginJars plugins = PluginJars.open(new PluginFolder(directory, true), HOST)) {
            assertThat(plugins.jars()).isEmpty();
        }
    }

    @Test
    void loads_the_jars_in_the_order_of_their_names_and_ignores_other_files_and_folders() throws IOException {
        Path second = ServiceJar.write(directory.resolve("second.jar"), AcceleratorProvider.class,
                TestProviders.DisabledNpu.class);
        Path first = ServiceJar.write(directory.resolve("first.jar"), AcceleratorProvider.class,
                TestProviders.Gpu.class);
        Files.writeString(directory.resolve("README.txt"), "not a jar");
        Files.writeString(directory.resolve("old.jar.disabled"), "not a jar either");
        Files.createDirectory(directory.resolve("folder.jar"));

        try (PluginJars plugins = PluginJars.open(new PluginFolder(directory, true), HOST)) {
            assertThat(plugins.jars()).containsExactly(first, second);
            assertThat(ServiceLoader.load(AcceleratorProvider.class, plugins.classLoader()).stream()
                    .map(provider -> provider.type().getName()))
                    .containsExactly(TestProviders.Gpu.class.getName(), TestProviders.DisabledNpu.class.getName());
        }
    }

    @Test
    void a_jar_that_is_no_jar_stops_the_start_naming_it() throws IOException {
        ServiceJar.write(directory.resolve("good.jar"), AcceleratorProvider.class, TestProviders.Gpu.class);
        Path broken = Files.writeString(directory.resolve("broken.jar"), "<html>a download that went wrong</html>");

        assertThatThrownBy(() -> PluginJars.open(new PluginFolder(directory, true), HOST))
                .isInstanceOf(PluginJarException.class)
                .hasMessageStartingWith("the plugin jar " + broken + " is not a jar (")
                .hasMessageEndingWith("): replace it, or remove it from the plugins folder");
    }

    @Test
    void a_file_where_the_folder_should_be_stops_the_start() throws IOException {
        Path file = Files.writeString(directory.resolve("plugins"), "");

        assertThatThrownBy(() -> PluginJars.open(new PluginFolder(file, false), HOST))
                .isInstanceOf(PluginJarException.class)
                .hasMessage("the plugins folder " + file + " is not a folder");
    }

    @Test
    void closing_closes_the_jars() {
        ServiceJar.write(directory.resolve("gpu.jar"), AcceleratorProvider.class, TestProviders.Gpu.class);
        String servicesFile = ServiceJar.servicesFile(AcceleratorProvider.class);
        PluginJars plugins = PluginJars.open(new PluginFolder(directory, true), HOST);
        assertThat(plugins.classLoader().getResource(servicesFile)).isNotNull();

        plugins.close();
        plugins.close();

        assertThat(plugins.classLoader().getResource(servicesFile)).isNull();
    }
}
