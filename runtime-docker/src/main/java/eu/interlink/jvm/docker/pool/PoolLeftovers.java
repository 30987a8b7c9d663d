package eu.interlink.jvm.docker.pool;

import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.Labels;
import eu.interlink.jvm.docker.sandbox.SandboxClaims;
import eu.interlink.jvm.docker.sandbox.SandboxLayout;
import eu.interlink.jvm.docker.sandbox.SandboxRemover;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the pool sandboxes that an earlier runtime with the same {@code DataRootFolder} left unclaimed (it stopped
 * without its close, or its close could not remove them), whole or half-built. They are found by their labels (pooled,
 * this {@code DataRootFolder}), so another runtime's are never touched; a claimed one is kept, as its pod runs in it.
 */
public final class PoolLeftovers {

    private static final Logger LOG = LoggerFactory.getLogger(PoolLeftovers.class);

    private final SandboxLayout layout;
    private final SandboxClaims claims;
    private final SandboxRemover remover;

    public PoolLeftovers(SandboxLayout layout, SandboxClaims claims, SandboxRemover remover) {
        this.layout = layout;
        this.claims = claims;
        this.remover = remover;
    }

    /** Removes them, one by one; logs what it removed, and what it could not, instead of throwing. */
    public void remove() {
        Set<String> unclaimed;
        try {
            unclaimed = remover.sandboxesLabelled(Map.of(Labels.POOL, "true",
                    Labels.DATA_ROOT, layout.dataRootFolder().toString()));
            unclaimed.removeAll(claims.claimed());
        } catch (RuntimeException e) {
            LOG.warn("Could not look for the pool sandboxes an earlier run left: {}", DockerMessages.oneLine(e));
            return;
        }
        for (String id : unclaimed) {
            try {
                remover.remove(id);
                LOG.info("Removed pool sandbox {}, which an earlier run left unclaimed", id);
            } catch (RuntimeException e) {
                LOG.warn("Could not remove pool sandbox {}, which an earlier run left unclaimed: {}", id,
                        DockerMessages.oneLine(e));
            }
        }
    }
}
