package eu.interlink.jvm.itests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * The runnable plugin jar, started as an operator starts it: {@code java -jar}, or {@code java -cp} with extra jars
 * such as a vendor's accelerator, with a config file named by {@code INTERLINKCONFIGPATH}. Its output goes to a file
 * that failures quote.
 */
final class PluginProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+)");
    private static final String MAIN_CLASS = "eu.interlink.jvm.host.Main";

    private final Process process;
    private final Path output;
    private final URI address;

    private PluginProcess(Process process, Path output, URI address) {
        this.process = process;
        this.output = output;
        this.address = address;
    }

    /** Starts the jar with this configuration and waits until it says where it listens. */
    static PluginProcess start(Path workDir, Map<String, Object> config) throws IOException {
        return start(workDir, config, List.of());
    }

    /**
     * Starts the jar with these jars after it on the classpath ({@code java -cp plugin.jar:extra.jar
     * eu.interlink.jvm.host.Main}), and waits until it says where it listens.
     */
    static PluginProcess start(Path workDir, Map<String, Object> config, List<Path> extraJars) throws IOException {
        Path configFile = workDir.resolve("InterLinkConfig.yaml");
        Files.writeString(configFile, new Yaml().dump(config));
        Path output = workDir.resolve("plugin.log");
        ProcessBuilder builder = new ProcessBuilder(command(extraJars))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("INTERLINKCONFIGPATH", configFile.toString());
        Process process = builder.start();

        await("the plugin to listen").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> !process.isAlive() || LISTENING.matcher(read(output)).find());
        Matcher listening = LISTENING.matcher(read(output));
        if (!listening.find()) {
            throw new IllegalStateException("the plugin exited with " + process.exitValue() + ":\n" + read(output));
        }
        return new PluginProcess(process, output, URI.create(listening.group(1)));
    }

    /** Where it listens: {@code http://127.0.0.1:PORT} or {@code unix:///path}. */
    URI address() {
        return address;
    }

    /** How many threads its JVM runs now, as the kernel counts them. */
    long threads() throws IOException {
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(process.pid()), "task"))) {
            return tasks.count();
        }
    }

    /** Everything it has printed so far. */
    String output() {
        return read(output);
    }

    /** Stops it as systemd would (SIGTERM) and returns its exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("the plugin did not stop within 30 s of SIGTERM:\n" + output());
        }
        return process.exitValue();
    }

    /** Kills it with SIGKILL, as a crash or the OOM killer would: it gets no chance to clean up. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    /**
     * A jar the build made, at the path the system property (set by the failsafe configuration) names, else at
     * {@code defaultPath}.
     */
    static Path builtJar(String property, String defaultPath) {
        Path jar = Path.of(System.getProperty(property, defaultPath));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no jar at " + jar.toAbsolutePath()
                    + ": run `mvn -B verify` from the root");
        }
        return jar.toAbsolutePath();
    }

    /** The runnable plugin jar the build made. */
    static Path pluginJar() {
        return builtJar("plugin.jar", "../host/target/interlink-docker-plugin.jar");
    }

    /** The {@code java} launcher of the JVM that runs the tests. */
    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static List<String> command(List<Path> extraJars) {
        String pluginJar = pluginJar().toString();
        if (extraJars.isEmpty()) {
            return List.of(java(), "-jar", pluginJar);
        }
        List<String> classpath = new ArrayList<>(List.of(pluginJar));
        extraJars.forEach(jar -> classpath.add(jar.toAbsolutePath().toString()));
        return List.of(java(), "-cp", String.join(File.pathSeparator, classpath), MAIN_CLASS);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
