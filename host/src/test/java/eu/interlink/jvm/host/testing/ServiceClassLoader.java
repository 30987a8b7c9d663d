package eu.interlink.jvm.host.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/** Class loaders that make {@link java.util.ServiceLoader} find exactly the providers a test lists. */
public final class ServiceClassLoader {

    private ServiceClassLoader() {
    }

    /**
     * A loader over the test's classpath whose {@code META-INF/services/<service>} lists {@code providers}, as do
     * the service files written into the same directory before.
     *
     * @param directory an empty directory that holds the service file
     */
    public static ClassLoader listing(Path directory, Class<?> service, Class<?>... providers) {
        try {
            Path file = directory.resolve(ServiceJar.servicesFile(service));
            Files.createDirectories(file.getParent());
            Files.writeString(file, ServiceJar.listing(providers));
            return new URLClassLoader(new URL[] {directory.toUri().toURL()}, ServiceClassLoader.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
