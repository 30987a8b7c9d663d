package eu.interlink.jvm.docker.sandbox;

import eu.interlink.jvm.api.runtime.Readiness;
import eu.interlink.jvm.docker.engine.Cancellation;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.images.Images;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the Docker-in-Docker image for the next sandbox: the configured one ({@code Docker.DindImage}) when the
 * host has it or can pull it, else a locally built fallback ({@value #LOCAL_IMAGE} in production). Once a pull has
 * failed and the fallback served instead, it is not pulled again. Thread-safe.
 */
public final class DindImageResolver {

    /** The image {@code scripts/build-dind-image.sh} builds by default: the fallback in production. */
    public static final String LOCAL_IMAGE = "interlink-jvm/dind:local";

    private static final Logger LOG = LoggerFactory.getLogger(DindImageResolver.class);

    private final Engine host;
    private final Images images;
    private final String configured;
    private final String fallback;
    private final AtomicBoolean fellBack = new AtomicBoolean();

    /**
     * @param configured the image {@code Docker.DindImage} names
     * @param fallback   the image to use when the host lacks the configured one and cannot pull it
     */
    public DindImageResolver(Engine host, Images images, String configured, String fallback) {
        this.host = host;
        this.images = images;
        this.configured = configured;
        this.fallback = fallback;
    }

    /**
     * The image to start the next sandbox from; pulls the configured one when the host lacks it.
     *
     * @param cancellation stops a pull under way
     * @throws SandboxException      saying how to build one when there is none
     * @throws CancellationException when cancelled
     */
    public String resolve(Cancellation cancellation) {
        if (images.present(host, configured)) {
            return configured;
        }
        if (fellBack.get() && images.present(host, fallback)) {
            return fallback;
        }
        String pullFailure;
        try {
            images.pull(host, configured, cancellation);
            pullFailure = images.present(host, configured) ? null : "the pull left no image";
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            pullFailure = DockerMessages.oneLine(e);
        }
        if (pullFailure == null) {
            return configured;
        }
        if (images.present(host, fallback)) {
            if (fellBack.compareAndSet(false, true)) {
                LOG.warn("The DIND image {} is not on this host and cannot be pulled ({}); using {} instead",
                        configured, pullFailure, fallback);
            }
            return fallback;
        }
        throw new SandboxException("the DIND image " + configured + " is not on this host and cannot be pulled ("
                + pullFailure + "); build one with scripts/build-dind-image.sh (it makes " + LOCAL_IMAGE
                + ") or set Docker.DindImage to an image this host has");
    }

    /**
     * Whether a sandbox could be started from some DIND image now, and from which: resolves one, pulling the
     * configured image when the host lacks it. Bounded by the call and image timeouts; meant for a background check.
     */
    public Readiness check() {
        try {
            return new Readiness(true, "sandboxes start from " + resolve(new Cancellation()));
        } catch (SandboxException e) {
            return new Readiness(false, e.getMessage());
        } catch (RuntimeException e) {
            return new Readiness(false, "the DIND image " + configured + " could not be looked for: "
                    + DockerMessages.oneLine(e));
        }
    }
}
