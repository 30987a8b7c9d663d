package eu.interlink.jvm.docker.images;

import com.github.dockerjava.api.model.AuthConfig;
import eu.interlink.jvm.docker.engine.Cancellation;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.metrics.ImageMeters;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes an image present in a sandbox's inner engine, as Kubernetes' pull policy asks: it is there already; or it is
 * streamed from the host engine (save piped into load, no temporary file); or the inner engine pulls it. A
 * cancellation stops a move or a pull under way at once. Moves and pulls are timed, and the bytes moved counted
 * ({@link ImageMeters}).
 */
public final class ImageSupplier {

    private static final Logger LOG = LoggerFactory.getLogger(ImageSupplier.class);

    private final Engine host;
    private final Images images;
    private final ImageMeters meters;

    /** @param meters times the moves and the pulls */
    public ImageSupplier(Engine host, Images images, ImageMeters meters) {
        this.host = host;
        this.images = images;
        this.meters = meters;
    }

    /**
     * Makes the image present in the inner engine as {@code IfNotPresent} asks; for images a pod does not name, such
     * as those preloaded into pooled sandboxes.
     *
     * @throws ImageUnavailableException when the image cannot be got there
     * @throws CancellationException     when cancelled
     */
    public void supply(String image, Engine inner, Cancellation cancellation, Consumer<String> progress) {
        supply(image, PullPolicy.IF_NOT_PRESENT, PullSecrets.NONE, inner, cancellation, progress);
    }

    /**
     * Makes the image present in the inner engine, as the container's pull policy asks.
     *
     * @param secrets      the pod's pull secrets: a pull uses the credentials they have for the image's registry
     * @param cancellation stops a move or pull under way
     * @param progress     told what is being done, such as {@code moving image busybox from the host}
     * @throws ImageUnavailableException when the image cannot be got there
     * @throws CancellationException     when cancelled
     */
    public void supply(String image, PullPolicy policy, PullSecrets secrets, Engine inner, Cancellation cancellation,
            Consumer<String> progress) {
        if (policy == PullPolicy.ALWAYS) {
            pullOrUseLocalCopy(image, secrets, inner, cancellation, progress);
        } else if (!images.present(inner, image)) {
            boolean onHost = images.present(host, image);
            if (!onHost && policy == PullPolicy.NEVER) {
                throw new ImageUnavailableException(ImageUnavailableException.NEVER_PULL, "image " + image
                        + " is neither in the sandbox nor on the host, and its pull policy is Never", null);
            }
            bring(image, onHost, secrets, inner, cancellation, progress);
        }
    }

    /**
     * {@code Always}: the registry's image wins. Only when the registry cannot be reached, and the pull sent no
     * credentials of the pod's, is a copy in the sandbox or on the host used instead, and the progress says so, rather
     * than failing a pod that could run; a registry that refuses the pull, or answers otherwise, fails it, so that a
     * wrong or missing pull secret is never passed over by a cached copy.
     */
    private void pullOrUseLocalCopy(String image, PullSecrets secrets, Engine inner, Cancellation cancellation,
            Consumer<String> progress) {
        AuthConfig auth = secrets.authFor(image).orElse(null);
        progress.accept("pulling image " + image);
        try {
            meters.pull(() -> images.pull(inner, image, auth, cancellation));
            return;
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            String failure = DockerMessages.oneLine(e);
            String notPulled = "image " + image + " could not be pulled: " + failure;
            if (auth != null || PullFailure.of(failure) != PullFailure.UNREACHABLE) {
                throw pullFailed(notPulled, secrets, e);
            }
            boolean inSandbox = images.present(inner, image);
            if (!inSandbox && !images.present(host, image)) {
                throw pullFailed(notPulled, secrets, e);
            }
            LOG.warn("Pulling image {} failed ({}); using the copy {}", image, failure,
                    inSandbox ? "in the sandbox" : "on the host");
            progress.accept("pulling image " + image + " failed (" + failure + "); using the copy "
                    + (inSandbox ? "in the sandbox" : "on the host"));
            if (!inSandbox) {
                bring(image, true, PullSecrets.NONE, inner, cancellation, progress);
            }
        }
    }

    private void bring(String image, boolean onHost, PullSecrets secrets, Engine inner, Cancellation cancellation,
            Consumer<String> progress) {
        try {
            if (onHost && alreadyUnderAnotherName(image, inner)) {
                LOG.info("Image {} was in {} under another name: tagged, not moved", image, inner.address());
            } else if (onHost) {
                progress.accept("moving image " + image + " from the host");
                long start = System.nanoTime();
                move(image, inner, cancellation);
                LOG.info("Moved image {} from the host to {} in {} ms", image, inner.address(),
                        (System.nanoTime() - start) / 1_000_000);
            } else {
                progress.accept("pulling image " + image);
                meters.pull(() -> images.pull(inner, image, secrets.authFor(image).orElse(null), cancellation));
            }
        } catch (CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            String failure = describe(image, onHost) + ": " + DockerMessages.oneLine(e);
            throw onHost ? new ImageUnavailableException(ImageUnavailableException.PULL_FAILED, failure, e)
                    : pullFailed(failure, secrets, e);
        }
        if (!images.present(inner, image)) {
            throw new ImageUnavailableException(ImageUnavailableException.PULL_FAILED, describe(image, onHost), null);
        }
    }

    /**
     * Tags the inner engine's copy of the host's image when it has one under another name (another tag of the same
     * image, or a preloaded alias): true when it did, and nothing needs to move. An image named by digest is always
     * moved, as a digest cannot be given by tagging; so is one whose tagging failed.
     */
    private boolean alreadyUnderAnotherName(String image, Engine inner) {
        ImageReference reference = ImageReference.parse(image);
        if (reference.tag() == null) {
            return false;
        }
        Optional<String> id = images.id(host, image);
        if (id.isEmpty() || !images.present(inner, id.get())) {
            return false;
        }
        try {
            images.tag(inner, id.get(), reference);
            return true;
        } catch (RuntimeException e) {
            LOG.info("Image {} could not be tagged in {} ({}); moving it instead", image, inner.address(),
                    DockerMessages.oneLine(e));
            return false;
        }
    }

    /**
     * Pipes the host's save into the inner engine's load. A cancellation interrupts the thread that pipes, which
     * closes both connections; closing docker-java's save stream instead would first read the rest of the archive.
     */
    private void move(String image, Engine inner, Cancellation cancellation) {
        meters.move(() -> inner.longCall("load " + image + " from the host", images.timeout(), cancellation,
                innerClient -> {
                    // A bare repository name would save every tag of it: name the one image.
                    try (InputStream archive = host.streams().saveImageCmd(ImageReference.parse(image).name()).exec()) {
                        innerClient.loadImageCmd(meters.counting(archive)).exec();
                        return null;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
    }

    /** A failed pull, naming the pull secrets of another type that it went on without. */
    private static ImageUnavailableException pullFailed(String failure, PullSecrets secrets, Throwable cause) {
        String why = secrets.skipped().isEmpty() ? failure : failure + " (pull secrets of another type than "
                + "kubernetes.io/dockerconfigjson or kubernetes.io/dockercfg, so not used: "
                + String.join(", ", secrets.skipped()) + ")";
        return new ImageUnavailableException(ImageUnavailableException.PULL_FAILED, why, cause);
    }

    private static String describe(String image, boolean onHost) {
        return onHost
                ? "image " + image + " could not be moved from the host into the sandbox"
                : "image " + image + " is not on the host, and the sandbox could not pull it";
    }
}
