package eu.interlink.jvm.docker.images;

import com.github.dockerjava.api.exception.NotFoundException;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.engine.EngineException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

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
        try {
            engine.call("inspect image " + image, client -> client.inspectImageCmd(image).exec());
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /**
     * Makes the engine pull the image from its registry; a name without a tag means {@code :latest}, never all tags.
     *
     * @throws EngineException when the pull fails or takes too long
     */
    public void pull(Engine engine, String image) {
        Reference reference = Reference.parse(image);
        String failure = engine.longCall("pull " + image, pullTimeout, client -> {
            try (PullCallback pull = client.pullImageCmd(reference.repository())
                    .withTag(reference.tag())
                    .exec(new PullCallback())) {
                pull.awaitCompletion();
                return pull.failure();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (failure != null) {
            throw new EngineException("the pull of " + image + " failed: " + DockerMessages.oneLine(failure));
        }
    }

    /** An image reference split as the pull API wants it; a digest stays in the repository part. */
    record Reference(String repository, String tag) {

        static Reference parse(String image) {
            if (image.contains("@")) {
                return new Reference(image, null);
            }
            int colon = image.lastIndexOf(':');
            if (colon > image.lastIndexOf('/')) {
                return new Reference(image.substring(0, colon), image.substring(colon + 1));
            }
            return new Reference(image, "latest");
        }

        /** The reference with its tag or digest, naming one image only. */
        String name() {
            return tag == null ? repository : repository + ":" + tag;
        }
    }
}
