package eu.interlink.jvm.docker.lifecycle;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;

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
     * Admits the pod, unless one with its UID is known already.
     *
     * @return the pod known before, or {@code candidate} when it was admitted
     * @throws InvalidPodException when the pod's UID was deleted lately
     */
    public PodRecord admit(PodRecord candidate) {
        String uid = candidate.identity().uid();
        return pods.compute(uid, (key, known) -> {
            if (known != null) {
                return known;
            }
            if (deleted.contains(uid)) {
                throw new InvalidPodException("pod " + candidate.identity()
                        + " was deleted; a deleted pod cannot be created again under the same UID");
            }
            return candidate;
        });
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
