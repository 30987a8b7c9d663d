package eu.interlink.jvm.docker.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The UIDs of pods deleted lately, so that a create of a deleted UID (one that arrives late, or after the delete) is
 * refused instead of starting a pod that nobody will delete. Each UID is kept for a while, and at most so many are
 * kept: the oldest go first. Thread-safe.
 */
public final class Tombstones {

    private final Clock clock;
    private final Duration keep;
    private final int capacity;
    private final LinkedHashMap<String, Instant> deletedAt = new LinkedHashMap<>();

    /**
     * @param keep     how long a deleted UID is remembered
     * @param capacity how many deleted UIDs are remembered at most
     */
    public Tombstones(Clock clock, Duration keep, int capacity) {
        this.clock = clock;
        this.keep = keep;
        this.capacity = capacity;
    }

    /** Remembers that the pod with this UID was deleted now. */
    public synchronized void add(String uid) {
        Instant now = clock.instant();
        forgetExpired(now);
        deletedAt.remove(uid);
        deletedAt.put(uid, now);
        Iterator<String> oldest = deletedAt.keySet().iterator();
        while (deletedAt.size() > capacity) {
            oldest.next();
            oldest.remove();
        }
    }

    /** Whether the pod with this UID was deleted lately. */
    public synchronized boolean contains(String uid) {
        forgetExpired(clock.instant());
        return deletedAt.containsKey(uid);
    }

    private void forgetExpired(Instant now) {
        Iterator<Map.Entry<String, Instant>> oldest = deletedAt.entrySet().iterator();
        while (oldest.hasNext() && !oldest.next().getValue().plus(keep).isAfter(now)) {
            oldest.remove();
        }
    }
}
