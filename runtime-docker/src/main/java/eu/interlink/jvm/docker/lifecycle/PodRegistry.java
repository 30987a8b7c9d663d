package eu.interlink.jvm.docker.lifecycle;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The pods this runtime knows, by UID, and the UIDs it deleted lately. Admitting a pod and retiring one are atomic
 * per UID, so that of a create and a delete of the same UID that race, the delete always wins. Thread-safe.
 */
public final class PodRegistry {

    private final ConcurrentMap<String, PodRecord> pods = new ConcurrentHashMap<>();
    private final Tombstones deleted;

    /** @param deleted the UIDs deleted lately, which cannot be admitted again */
    public PodRegistry(Tombstones deleted) {
        this.deleted = deleted;
    }

    /**
     * What {@link #admit} did.
     *
     * @param pod      the pod known under the UID now
     * @param admitted whether it was admitted by this call, rather than known before
     */
    public record Admission(PodRecord pod, boolean admitted) {
    }

    /**
     * Admits a pod, unless one with its UID is known already. The record is made only when the pod is admitted, so
     * that what making it takes (a pooled sandbox) is never taken for nothing.
     *
     * @param identity  the pod's identity
     * @param newRecord makes the record of the admitted pod; runs at most once, atomically with the admission, so it
     *                  must be quick and must not touch this registry
     * @throws InvalidPodException when the pod's UID was deleted lately
     */
    public Admission admit(PodIdentity identity, Supplier<PodRecord> newRecord) {
        AtomicReference<PodRecord> made = new AtomicReference<>();
        PodRecord pod = pods.compute(identity.uid(), (uid, known) -> {
            if (known != null) {
                return known;
            }
            if (deleted.contains(uid)) {
                throw new InvalidPodException("pod " + identity
                        + " was deleted; a deleted pod cannot be created again under the same UID");
            }
            made.set(newRecord.get());
            return made.get();
        });
        return new Admission(pod, pod == made.get());
    }

    /** Forgets the pod with this UID, known or not, remembers that it was deleted, and returns it if it was known. */
    public Optional<PodRecord> retire(String uid) {
        AtomicReference<PodRecord> retired = new AtomicReference<>();
        pods.compute(uid, (key, known) -> {
            deleted.add(uid);
            retired.set(known);
            return null;
        });
        return Optional.ofNullable(retired.get());
    }

    /** The pod with this UID. */
    public Optional<PodRecord> find(String uid) {
        return Optional.ofNullable(pods.get(uid));
    }

    /** Every known pod, at this moment. */
    public Collection<PodRecord> all() {
        return List.copyOf(pods.values());
    }
}
