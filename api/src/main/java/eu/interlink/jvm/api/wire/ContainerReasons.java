package eu.interlink.jvm.api.wire;

/** Reasons in container states that interLink plugins agree on, beyond Kubernetes' own. */
public final class ContainerReasons {

    /**
     * The {@code waiting} reason of a container that runs but is not ready yet (its startup or readiness probe has
     * not passed): the virtual kubelet takes every {@code running} container for ready, so plugins report such a
     * container as waiting, with this reason, as the slurm plugin does.
     */
    public static final String PROBES_PENDING = "Waiting for probes to be ready.";

    private ContainerReasons() {
    }
}
