package eu.interlink.jvm.docker.doctor;

import eu.interlink.jvm.api.runtime.Diagnosis;
import eu.interlink.jvm.api.runtime.Readiness;
import eu.interlink.jvm.docker.DockerSettings;
import eu.interlink.jvm.docker.engine.Cancellation;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.engine.HostEngineMonitor;
import eu.interlink.jvm.docker.images.Images;
import eu.interlink.jvm.docker.sandbox.DindImageResolver;
import eu.interlink.jvm.docker.sandbox.SandboxLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The {@code docker} runtime's checks for {@code doctor}: the data folder and its socket paths, the host engine and
 * its version, the DIND image, and the sandbox privileges the engine allows. Asks the engine with the runtime's own
 * classes, so that it finds what a running plugin would.
 */
public final class DockerDoctor {

    private static final String DIND_IMAGE = "DIND image";

    private final DockerSettings settings;
    private final Engine host;
    private final Executor background;

    /**
     * @param settings   the runtime's settings
     * @param host       the host engine; the caller closes it
     * @param background runs nothing the checks wait for; the engine monitor needs one
     */
    public DockerDoctor(DockerSettings settings, Engine host, Executor background) {
        this.settings = settings;
        this.host = host;
        this.background = background;
    }

    /** Runs the checks; those that need the engine are left out when it does not answer. */
    public List<Diagnosis> diagnose() {
        List<Diagnosis> results = new ArrayList<>(dataFolder());
        Diagnosis engine = engine();
        results.add(engine);
        if (engine.outcome() == Diagnosis.Outcome.FAIL) {
            return results;
        }
        String image;
        try {
            image = new DindImageResolver(host, new Images(settings.imageTimeout()), settings.dindImage(),
                    DindImageResolver.LOCAL_IMAGE).resolve(new Cancellation());
        } catch (RuntimeException e) {
            results.add(Diagnosis.fail(DIND_IMAGE, DockerMessages.oneLine(e), "build one with"
                    + " scripts/build-dind-image.sh, or set Docker.DindImage to an image this host has or can pull"));
            return results;
        }
        results.add(Diagnosis.ok(DIND_IMAGE, "sandboxes start from " + image));
        results.add(new PrivilegeProbe(host, settings.dataRootFolder(), settings.dindSecurity()).probe(image));
        return results;
    }

    private List<Diagnosis> dataFolder() {
        Path folder = settings.dataRootFolder();
        List<Diagnosis> results = new ArrayList<>();
        try {
            Files.createDirectories(folder);
            Files.delete(Files.createTempFile(folder, ".doctor-", ".tmp"));
            results.add(Diagnosis.ok("Data folder", folder + " is writable"));
        } catch (IOException | SecurityException e) {
            results.add(Diagnosis.fail("Data folder", folder + " cannot be written: " + e,
                    "set DataRootFolder to a folder the plugin's user can write, or give that user the folder"));
        }
        try {
            new SandboxLayout(folder).requireSocketFits();
            results.add(Diagnosis.ok("Socket paths", "sandbox sockets under " + folder + " fit a unix socket address"));
        } catch (IllegalArgumentException e) {
            results.add(Diagnosis.fail("Socket paths", e.getMessage(), "choose a shorter DataRootFolder"));
        }
        return results;
    }

    private Diagnosis engine() {
        HostEngineMonitor monitor = new HostEngineMonitor(host, background, Clock.systemUTC());
        monitor.refresh();
        Readiness readiness = monitor.readiness();
        return readiness.ready()
                ? Diagnosis.ok("Docker engine", readiness.detail())
                : Diagnosis.fail("Docker engine", readiness.detail(),
                        "start Docker (dockerd), or set DOCKER_HOST to the address of a running engine");
    }
}
