package eu.interlink.jvm.docker.sandbox;

import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.images.Images;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the Docker-in-Docker image for the next sandbox: the configured one ({@code Docker.DindImage}) when the
 * host has it or can pull it, else the locally built {@value #LOCAL_IMAGE}. Once a pull has failed and the local
 * image served instead, it is not pulled again. Thread-safe.
 */
public final class DindImageResolver {

    /** The image {@code scripts/build-dind-image.sh} builds by default. */
    public static final String LOCAL_IMAGE = "interlink-jvm/dind:local";

    private static final Logger LOG = LoggerFactory.getLogger(DindImageResolver.class);

    private final Engine host;
    private final Images images;
    private final String configured;
    private final AtomicBoolean fellBack = new AtomicBoolean();

    public DindImageResolver(Engine host, Images images, String configured) {
        this.host = host;
        this.images = images;
        this.configured = configured;
    }

    /**
     * The image to start the next sandbox from.
     *
     * @throws SandboxException saying how to build one when there is none
     */
    public String resolve() {
        if (images.present(host, configured)) {
            return configured;
        }
        if (fellBack.get() && images.present(host, LOCAL_IMAGE)) {
            return LOCAL_IMAGE;
        }
        String pullFailure;
        try {
            images.pull(host, configured);
            pullFailure = images.present(host, configured) ? null : "the pull left no image";
        } catch (RuntimeException e) {
            pullFailure = DockerMessages.oneLine(e);
        }
        if (pullFailure == null) {
            return configured;
        }
        if (images.present(host, LOCAL_IMAGE)) {
            if (fellBack.compareAndSet(false, true)) {
                LOG.warn("The DIND image {} is not on this host and cannot be pulled ({}); using {} instead",
                        configured, pullFailure, LOCAL_IMAGE);
            }
            return LOCAL_IMAGE;
        }
        throw new SandboxException("the DIND image " + configured + " is not on this host and cannot be pulled ("
                + pullFailure + "); build one with scripts/build-dind-image.sh (it makes " + LOCAL_IMAGE
                + ") or set Docker.DindImage to an image this host has");
    }
}
