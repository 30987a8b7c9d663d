package eu.interlink.jvm.docker.images;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import eu.interlink.jvm.docker.engine.Cancellation;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.engine.EngineException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/** Asks an engine whether it has an image, and makes it pull one, each bounded in time. */
public final class Images {

    private final Duration pullTimeout;

    /** @param pullTimeout the bound on one pull ({@code Docker.ImageTimeoutSeconds}) */
    public Images(Duration pullTimeout) {
        this.pullTimeout = pullTimeout;
    }

    /** The bound on one pull or one move of an image. */
    public Duration timeout() {
        return pullTimeout;
    }

    /** Whether the engine has the image, by name, tag or id. */
    public boolean present(Engine engine, String image) {
        return id(engine, image).isPresent();
    }

    /** The id of the engine's image of this name, tag or id; empty when it has none. */
    public Optional<String> id(Engine engine, String image) {
        try {
            return Optional.of(engine.call("inspect image " + image, client -> client.inspectImageCmd(image).exec())
                    .getId());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** Gives the engine's image of this id the tagged name {@code image}, such as {@code busybox:1.36}. */
    public void tag(Engine engine, String imageId, ImageReference image) {
        engine.call("tag image " + imageId + " as " + image.name(),
                client -> client.tagImageCmd(imageId, image.repository(), image.tag()).exec());
    }

    /**
     * Makes the engine pull the image from its registry; a name without a tag means {@code :latest}, never all tags.
     *
     * @param cancellation stops the pull at once
     * @throws EngineException       when the pull fails or takes too long
     * @throws CancellationException when cancelled
     */
    public void pull(Engine engine, String image, Cancellation cancellation) {
        pull(engine, image, null, cancellation);
    }

    /**
     * Makes the engine pull the image from its registry with these credentials; a name without a tag means
     * {@code :latest}, never all tags.
     *
     * @param auth         the registry credentials, or null to pull anonymously
     * @param cancellation stops the pull at once
     * @throws EngineException       when the pull fails or takes too long
     * @throws CancellationException when cancelled
     */
    public void pull(Engine engine, String image, AuthConfig auth, Cancellation cancellation) {
        ImageReference reference = ImageReference.parse(image);
        String failure = engine.longCall("pull " + image, pullTimeout, cancellation, client -> {
            PullCallback pull = cancellation.track(new PullCallback());
            try (pull) {
                client.pullImageCmd(reference.repository()).withTag(reference.tag()).withAuthConfig(auth)
                        .exec(pull).awaitCompletion();
                return pull.failure();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                cancellation.untrack(pull);
            }
        });
        if (cancellation.isCancelled()) {
            throw new CancellationException("the pull of " + image + " was cancelled");
        }
        if (failure != null) {
            throw new EngineException("the pull of " + image + " failed: " + DockerMessages.oneLine(failure));
        }
    }
}
