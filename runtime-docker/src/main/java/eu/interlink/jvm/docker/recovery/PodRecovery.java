package eu.interlink.jvm.docker.recovery;

import eu.interlink.jvm.api.wire.RetrievedPodData;
import eu.interlink.jvm.docker.accelerators.DeviceAllocator;
import eu.interlink.jvm.docker.accelerators.DeviceLabels;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.lifecycle.PodIdentity;
import eu.interlink.jvm.docker.lifecycle.PodPlan;
import eu.interlink.jvm.docker.lifecycle.PodPlanner;
import eu.interlink.jvm.docker.lifecycle.PodRecord;
import eu.interlink.jvm.docker.lifecycle.PodRecoverer;
import eu.interlink.jvm.docker.lifecycle.PodRegistry;
import eu.interlink.jvm.docker.lifecycle.PodRemovals;
import eu.interlink.jvm.docker.lifecycle.PodStarter;
import eu.interlink.jvm.docker.sandbox.SandboxClaims;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a starting runtime know again the pods an earlier one on the same {@code DataRootFolder} left, as its
 * {@link PodJournal} holds them, whether that one was closed or killed: a pod that lives is known at once (its status
 * answers from the first request) and taken over in the background ({@link PodRecoverer}), its active deadline counted
 * from its first acceptance, its devices the ones its claim records; a pod that was deleted has its removal finished, with what was left of its grace period
 * and without its preStop hooks, which ran before.
 */
public final class PodRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(PodRecovery.class);
    private static final int CLAIM_READS = 3;

    private final PodJournal journal;
    private final PodRegistry pods;
    private final PodPlanner planner;
    private final PodStarter starter;
    private final PodRecoverer recoverer;
    private final PodRemovals removals;
    private final Executor starters;
    private final SandboxClaims claims;
    private final DeviceAllocator devices;
    private final Set<String> unreadable = ConcurrentHashMap.newKeySet();

    /** @param starters where pods are taken over; owned by the caller */
    public PodRecovery(PodJournal journal, PodRegistry pods, PodPlanner planner, PodStarter starter,
            PodRecoverer recoverer, PodRemovals removals, SandboxClaims claims, DeviceAllocator devices,
            Executor starters) {
        this.journal = journal;
        this.pods = pods;
        this.planner = planner;
        this.starter = starter;
        this.recoverer = recoverer;
        this.removals = removals;
        this.claims = claims;
        this.devices = devices;
        this.starters = starters;
    }

    /** Knows the journal's pods again and starts taking them over or removing them; returns once they are known. */
    public void recover() {
        int taken = 0;
        int removed = 0;
        List<PodJournal.Entry> entries = journal.entries();
        Map<String, Map<String, String>> claimLabels = entries.isEmpty() ? Map.of() : claimLabels();
        for (PodJournal.Entry entry : entries) {
            RetrievedPodData data = entry.accepted().data();
            PodIdentity identity = PodIdentity.of(data.pod());
            Map<String, List<String>> heldDevices = entry.devicesReturned() ? Map.of()
                    : DeviceLabels.read(claimLabels.get(identity.uid()));
            if (entry.deleted().isPresent()) {
                pods.retire(identity.uid());
                // Its containers may use them until the removal is done, which gives them back.
                devices.restore(identity.uid(), heldDevices);
                removals.finish(identity, entry.accepted().sandboxId(), entry.graceLeft(Instant.now()));
                removed++;
            } else {
                takeOver(identity, entry, heldDevices);
                taken++;
            }
        }
        unreadable.addAll(journal.unreadable());
        if (taken + removed > 0) {
            LOG.info("Taking over {} pods an earlier run left, and finishing the removal of {}", taken, removed);
        }
    }

    /** The sandboxes of the pods whose journal files cannot be read, kept for their deletes. */
    public Set<String> kept() {
        Set<String> kept = new HashSet<>();
        unreadable.forEach(uid -> kept.addAll(claims.sandboxesOf(uid)));
        return kept;
    }

    /** The labels of the claims by pod UID, read once, before any new pod could take a device a claim records. */
    private Map<String, Map<String, String>> claimLabels() {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= CLAIM_READS; attempt++) {
            try {
                return claims.labelsByPod();
            } catch (RuntimeException e) {
                last = e;
                LOG.warn("Cannot read the claims of the pods an earlier run left (attempt {} of {}): {}", attempt,
                        CLAIM_READS, DockerMessages.oneLine(e));
            }
        }
        throw new IllegalStateException("cannot read which devices the pods an earlier run left hold, so no pod is"
                + " taken over rather than their devices given to others: " + DockerMessages.oneLine(last), last);
    }

    /** @param heldDevices the devices the pod held, by resource, as its claim's labels record them */
    private void takeOver(PodIdentity identity, PodJournal.Entry entry, Map<String, List<String>> heldDevices) {
        RetrievedPodData data = entry.accepted().data();
        PodPlan plan;
        Optional<String> unplannable = Optional.empty();
        try {
            plan = planner.plan(data);
        } catch (RuntimeException e) {
            plan = PodPlan.EMPTY;
            unplannable = Optional.of(e.getMessage());
        }
        PodRecord pod = PodRecord.recovered(identity, data.pod(), plan, entry.accepted().sandboxId(),
                entry.acceptedAt());
        pods.admit(identity, () -> pod);
        if (entry.failure().isPresent()) {
            recoverer.failedBefore(pod, entry.failure().get().reason(), entry.failure().get().message());
            return;
        }
        if (unplannable.isPresent()) {
            // Its containers keep running, and keep its devices, until its delete.
            devices.restore(identity.uid(), heldDevices);
            recoverer.refuse(pod, unplannable.get());
            return;
        }
        if (!heldDevices.isEmpty()) {
            starter.hold(pod, devices.restore(identity.uid(), heldDevices));
        }
        starter.armDeadline(pod);
        starters.execute(() -> recoverer.recover(pod));
    }
}
