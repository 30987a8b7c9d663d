package eu.interlink.jvm.host.plugins;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jars of the plugins folder, opened by one class loader over the host's, in which {@link java.util.ServiceLoader}
 * finds their providers beside those the host's classpath has.
 *
 * <p>Every regular file whose name ends in {@code .jar} is loaded, in the order of their names; other files and
 * folders are ignored. Whoever opens it owns it: {@link #close()} closes the jars, once nothing uses their classes.
 */
public final class PluginJars implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginJars.class);
    private static final String JAR_SUFFIX = ".jar";

    private final URLClassLoader classLoader;
    private final List<Path> jars;

    private PluginJars(URLClassLoader classLoader, List<Path> jars) {
        this.classLoader = classLoader;
        this.jars = jars;
    }

    /**
     * Opens the jars of {@code folder}, and logs each.
     *
     * @param parent the host's class loader, which the jars' classes see and which is asked first
     * @throws PluginJarException when the folder cannot be listed, or a jar there cannot be opened as a jar
     */
    public static PluginJars open(PluginFolder folder, ClassLoader parent) {
        List<Path> jars = jarsIn(folder);
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = checked(jars.get(i));
            LOG.info("plugin jar {}", jars.get(i));
        }
        return new PluginJars(new URLClassLoader("plugins", urls, parent), List.copyOf(jars));
    }

    /** Where runtimes and accelerators are looked for: the jars, after the host's classes. */
    public ClassLoader classLoader() {
        return classLoader;
    }

    /** The jars loaded, in their order. */
    public List<Path> jars() {
        return jars;
    }

    /** Closes the jars; safe to call more than once. */
    @Override
    public void close() {
        try {
            classLoader.close();
        } catch (IOException e) {
            LOG.warn("closing the plugin jars failed", e);
        }
    }

    private static List<Path> jarsIn(PluginFolder folder) {
        Path path = folder.path();
        if (!folder.required() && !Files.exists(path)) {
            LOG.debug("no plugins folder at {}", path);
            return List.of();
        }
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> entries = Files.list(path)) {
            for (Path entry : entries.sorted().toList()) {
                if (Files.isRegularFile(entry) && entry.getFileName().toString().endsWith(JAR_SUFFIX)) {
                    jars.add(entry);
                } else {
                    LOG.debug("ignored in the plugins folder, not a {} file: {}", JAR_SUFFIX, entry);
                }
            }
        } catch (NoSuchFileException e) {
            throw new PluginJarException("no plugins folder at " + path, e);
        } catch (NotDirectoryException e) {
            throw new PluginJarException("the plugins folder " + path + " is not a folder", e);
        } catch (AccessDeniedException e) {
            throw new PluginJarException("cannot read the plugins folder " + path + ": permission denied", e);
        } catch (IOException e) {
            throw new PluginJarException("cannot read the plugins folder " + path + ": " + e.getMessage(), e);
        }
        if (jars.isEmpty()) {
            LOG.info("no jars in the plugins folder {}", path);
        }
        return jars;
    }

    private static URL checked(Path jar) {
        try (JarFile opened = new JarFile(jar.toFile())) {
            opened.getManifest();
            return jar.toUri().toURL();
        } catch (ZipException e) {
            throw new PluginJarException("the plugin jar " + jar + " is not a jar (" + e.getMessage()
                    + "): replace it, or remove it from the plugins folder", e);
        } catch (IOException e) {
            throw new PluginJarException("cannot read the plugin jar " + jar + ": " + e.getMessage(), e);
        }
    }
}
