package eu.interlink.jvm.host.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;

/** Jars, as a vendor ships them, that make {@link java.util.ServiceLoader} find the providers a test lists. */
public final class ServiceJar {

    private ServiceJar() {
    }

    /**
     * Writes a jar holding only {@code META-INF/services/<service>} listing {@code providers}, whose classes the
     * test's classpath has.
     *
     * @return {@code jar}
     */
    public static Path write(Path jar, Class<?> service, Class<?>... providers) {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new ZipEntry(servicesFile(service)));
            out.write(listing(providers).getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    /** The path, inside a jar, of the file that lists the providers of {@code service}. */
    public static String servicesFile(Class<?> service) {
        return "META-INF/services/" + service.getName();
    }

    static String listing(Class<?>... providers) {
        return Arrays.stream(providers).map(Class::getName).collect(Collectors.joining("\n", "", "\n"));
    }
}
