package eu.interlink.jvm.docker.pool;

import eu.interlink.jvm.docker.engine.Cancellation;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.images.ImageSupplier;
import eu.interlink.jvm.docker.images.ImageUnavailableException;
import eu.interlink.jvm.docker.sandbox.Sandbox;
import eu.interlink.jvm.docker.sandbox.SandboxException;
import eu.interlink.jvm.docker.sandbox.SandboxFactory;
import eu.interlink.jvm.docker.sandbox.SandboxLayout;
import eu.interlink.jvm.docker.sandbox.SandboxNeeds;
import eu.interlink.jvm.docker.sandbox.SandboxRemover;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the pool's sandboxes, labelled as pooled, each with the images of {@code Docker.PreloadImages} put into it
 * (from the host engine, else pulled), so that pods using them start without moving images; and removes the ones the
 * pool lets go.
 */
public final class PoolMembers {

    private static final Logger LOG = LoggerFactory.getLogger(PoolMembers.class);

    private final SandboxLayout layout;
    private final SandboxFactory factory;
    private final ImageSupplier images;
    private final List<String> preloaded;
    private final SandboxRemover remover;

    /** @param preloaded the images to put into each sandbox ({@code Docker.PreloadImages}) */
    public PoolMembers(SandboxLayout layout, SandboxFactory factory, ImageSupplier images, List<String> preloaded,
            SandboxRemover remover) {
        this.layout = layout;
        this.factory = factory;
        this.images = images;
        this.preloaded = List.copyOf(preloaded);
        this.remover = remover;
    }

    /**
     * Builds a sandbox for the pool and preloads its images. An image that cannot be got is logged and left out: the
     * pods that use it bring it themselves, as in a sandbox without preloads.
     *
     * @param cancellation stops the build; what was made is then removed
     * @throws SandboxException      when the sandbox cannot be built; nothing of it is left
     * @throws CancellationException when cancelled; nothing of it is left
     */
    public Sandbox build(Cancellation cancellation) {
        Sandbox sandbox = factory.build(layout.newId(), true, SandboxNeeds.NONE, cancellation);
        try {
            for (String image : preloaded) {
                preload(image, sandbox, cancellation);
            }
            return sandbox;
        } catch (RuntimeException e) {
            discard(sandbox);
            throw e;
        }
    }

    /** Removes a sandbox the pool lets go, with everything it had; logs a failure instead of throwing. */
    public void discard(Sandbox sandbox) {
        sandbox.close();
        try {
            remover.remove(sandbox.id());
        } catch (RuntimeException e) {
            LOG.warn("Could not remove pool sandbox {} ({}); the next runtime on this DataRootFolder removes it",
                    sandbox.id(), DockerMessages.oneLine(e));
        }
    }

    private void preload(String image, Sandbox sandbox, Cancellation cancellation) {
        try {
            images.supply(image, sandbox.engine(), cancellation, progress -> { });
        } catch (ImageUnavailableException e) {
            LOG.warn("Image {} could not be preloaded into pool sandbox {}: {}", image, sandbox.id(), e.getMessage());
        }
    }
}
