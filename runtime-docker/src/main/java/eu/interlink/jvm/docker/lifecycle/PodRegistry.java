package eu.interlink.jvm.docker.lifecycle;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The pods this runtime knows, by UID. Thread-safe. */
public final class PodRegistry {

    private final ConcurrentMap<String, PodRecord> pods = new ConcurrentHashMap<>();

    /**
     * Adds the pod unless one with its UID is known.
     *
     * @return the pod known before, or empty when {@code pod} was added
     */
    public Optional<PodRecord> addIfAbsent(PodRecord pod) {
        return Optional.ofNullable(pods.putIfAbsent(pod.identity().uid(), pod));
    }

    /** The pod with this UID. */
    public Optional<PodRecord> find(String uid) {
        return Optional.ofNullable(pods.get(uid));
    }

    /** Forgets the pod with this UID and returns it. */
    public Optional<PodRecord> remove(String uid) {
        return Optional.ofNullable(pods.remove(uid));
    }

    /** Every known pod, at this moment. */
    public Collection<PodRecord> all() {
        return List.copyOf(pods.values());
    }
}
