package eu.interlink.jvm.docker.accelerators;

import eu.interlink.jvm.api.accelerator.Accelerator;
import eu.interlink.jvm.api.accelerator.AcceleratorDevice;
import eu.interlink.jvm.api.accelerator.DeviceExposure;
import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.api.wire.AcceleratorAvailability;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives pods whole devices of the accelerators the runtime was opened with, by their stable ids, generic over any
 * {@link Accelerator}: what each one {@link Accelerator#discover() discovers} at start is the inventory.
 *
 * <pre>
 *   acquire(pod, wanted) ── enough free and nobody waits before it ── the devices, lowest first
 *                        └─ else ─────────────────────────────────── waits, first in first out
 *   release(pod)         ── frees its devices (or drops it from the queue), then gives the waiting pods theirs,
 *                           in order, as long as the first one fits
 *   restore(pod, ids)    ── a restarted runtime takes back what its claim's labels say the pod held
 * </pre>
 *
 * <p>Thread-safe; a pod that waits is told, through the callback it gave, once it holds its devices.
 */
public final class DeviceAllocator {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceAllocator.class);

    /**
     * @param waits   told, whenever the queue moves, why the pod still waits
     * @param granted told once the pod holds its devices
     */
    private record Waiter(String uid, Map<String, Integer> wanted, Consumer<String> waits, Runnable granted) {
    }

    private final Map<String, Accelerator> accelerators;
    private final Map<String, List<AcceleratorDevice>> inventory;
    private final Set<String> engineDrivers;
    private final Map<String, PodDevices> held = new HashMap<>();
    private final Deque<Waiter> waiting = new ArrayDeque<>();

    private DeviceAllocator(Map<String, Accelerator> accelerators, Map<String, List<AcceleratorDevice>> inventory,
            Set<String> engineDrivers) {
        this.accelerators = accelerators;
        this.inventory = inventory;
        this.engineDrivers = Set.copyOf(engineDrivers);
    }

    /**
     * An allocator over what the accelerators discover now; logs what each found.
     *
     * @param engineDrivers the device drivers the host engine has (its runtimes, such as {@code nvidia}): an
     *                      accelerator's device requests are used when the engine has their drivers, its device nodes
     *                      otherwise
     */
    public static DeviceAllocator discovering(List<Accelerator> accelerators, Set<String> engineDrivers) {
        Map<String, Accelerator> byResource = new LinkedHashMap<>();
        Map<String, List<AcceleratorDevice>> inventory = new LinkedHashMap<>();
        for (Accelerator accelerator : accelerators) {
            List<AcceleratorDevice> devices = List.copyOf(accelerator.discover());
            byResource.put(accelerator.resourceName(), accelerator);
            inventory.put(accelerator.resourceName(), devices);
            if (devices.isEmpty()) {
                LOG.info("No {} device found", accelerator.resourceName());
            } else {
                LOG.info("{} {} devices: {}", devices.size(), accelerator.resourceName(), devices.stream()
                        .map(device -> device.id() + " (" + device.model() + ")").collect(Collectors.joining(", ")));
            }
        }
        return new DeviceAllocator(byResource, inventory, engineDrivers);
    }

    /** The extended resources it serves, whether or not devices were found. */
    public Set<String> resources() {
        return accelerators.keySet();
    }

    /**
     * Checks that the node has enough devices for a pod at all, so that it never waits for ever.
     *
     * @throws InvalidPodException naming the resource and the counts when it has not
     */
    public void requireEnough(DeviceNeeds needs, String pod) {
        needs.total().forEach((resource, count) -> {
            int present = present(resource);
            if (count > present) {
                throw new InvalidPodException("pod " + pod + " asks for " + count + " " + resource + " but this node has "
                        + present);
            }
        });
    }

    /**
     * The devices of a pod, now when enough are free and no pod waits before it, else once they are: then
     * {@code whenGranted} runs, on the thread that freed them. A pod that holds its devices already gets them again.
     *
     * @param waits told why the pod waits, now when it must, and again whenever the queue moves
     * @return the devices, or empty while the pod waits
     */
    public Optional<PodDevices> acquire(String uid, Map<String, Integer> wanted, Consumer<String> waits,
            Runnable whenGranted) {
        Optional<PodDevices> given;
        String why;
        synchronized (this) {
            given = acquireNow(uid, wanted, waits, whenGranted);
            why = given.isPresent() ? null : whyWaiting(uid);
        }
        if (why != null) {
            waits.accept(why);
        }
        return given;
    }

    private Optional<PodDevices> acquireNow(String uid, Map<String, Integer> wanted, Consumer<String> waits,
            Runnable whenGranted) {
        PodDevices own = held.get(uid);
        if (own != null) {
            return Optional.of(own);
        }
        if (waiting.isEmpty() && fits(wanted)) {
            return Optional.of(take(uid, wanted));
        }
        if (waiting.stream().noneMatch(waiter -> waiter.uid().equals(uid))) {
            waiting.addLast(new Waiter(uid, Map.copyOf(wanted), waits, whenGranted));
        }
        return Optional.empty();
    }

    /** Why the pod waits, naming each resource it lacks with the counts, and how many pods wait before it. */
    public synchronized String whyWaiting(String uid) {
        int ahead = 0;
        for (Waiter waiter : waiting) {
            if (waiter.uid().equals(uid)) {
                String lacking = waiter.wanted().entrySet().stream()
                        .map(want -> want.getValue() + " " + want.getKey() + " (" + free(want.getKey()) + " of "
                                + present(want.getKey()) + " free)")
                        .collect(Collectors.joining(", "));
                return "waiting for " + lacking + (ahead == 0 ? "" : ", " + ahead + " pod" + (ahead == 1 ? "" : "s")
                        + " ahead");
            }
            ahead++;
        }
        return "not waiting for devices";
    }

    /** Frees the pod's devices, or drops it from the queue, then gives the waiting pods theirs; idempotent. */
    public void release(String uid) {
        List<Runnable> granted = new ArrayList<>();
        List<Runnable> stillWaiting = new ArrayList<>();
        synchronized (this) {
            PodDevices freed = held.remove(uid);
            waiting.removeIf(waiter -> waiter.uid().equals(uid));
            if (freed != null && freed.any()) {
                LOG.info("Pod {} freed {}", uid, describe(freed));
            }
            for (Iterator<Waiter> next = waiting.iterator(); next.hasNext(); ) {
                Waiter waiter = next.next();
                if (!fits(waiter.wanted())) {
                    break;
                }
                next.remove();
                take(waiter.uid(), waiter.wanted());
                granted.add(waiter.granted());
            }
            for (Waiter waiter : waiting) {
                String why = whyWaiting(waiter.uid());
                stillWaiting.add(() -> waiter.waits().accept(why));
            }
        }
        granted.forEach(DeviceAllocator::runQuietly);
        stillWaiting.forEach(DeviceAllocator::runQuietly);
    }

    /**
     * Takes back, for a restarted runtime, the devices a pod held, by their ids; an id no accelerator discovers now
     * is logged and left out.
     *
     * @return the devices the pod holds now
     */
    public synchronized PodDevices restore(String uid, Map<String, List<String>> ids) {
        if (ids.isEmpty()) {
            return PodDevices.NONE;
        }
        Map<String, List<AcceleratorDevice>> devices = new LinkedHashMap<>();
        ids.forEach((resource, wanted) -> {
            List<AcceleratorDevice> present = inventory.getOrDefault(resource, List.of());
            List<AcceleratorDevice> found = new ArrayList<>();
            for (String id : wanted) {
                present.stream().filter(device -> device.id().equals(id)).findFirst().ifPresentOrElse(found::add,
                        () -> LOG.warn("Pod {} held {} device {}, which is not found any more", uid, resource, id));
            }
            devices.put(resource, found);
        });
        PodDevices restored = new PodDevices(devices);
        held.put(uid, restored);
        LOG.info("Pod {} holds {} again", uid, describe(restored));
        return restored;
    }

    /** The free devices of each resource, as the health ping reports them. */
    public synchronized List<AcceleratorAvailability> availability() {
        return inventory.keySet().stream()
                .map(resource -> new AcceleratorAvailability(resource, String.valueOf(free(resource)))).toList();
    }

    /**
     * How their accelerators expose these devices, one exposure per resource that has any, in one way only: through
     * the engine's device driver when it has the drivers of the device requests, else through the device nodes.
     */
    public List<DeviceExposure> exposures(Map<String, List<AcceleratorDevice>> devices) {
        return devices.entrySet().stream().filter(entry -> !entry.getValue().isEmpty())
                .map(entry -> routed(accelerators.get(entry.getKey()).expose(entry.getValue()))).toList();
    }

    /**
     * What keeps a container from seeing the pod's devices of the resources it does not ask for: one exposure of
     * variables only per such resource whose accelerator has them ({@link Accelerator#hidingEnvironment()}).
     *
     * @param asked the resources the container asks for
     */
    public List<DeviceExposure> hiding(PodDevices pod, Set<String> asked) {
        return pod.byResource().entrySet().stream()
                .filter(entry -> !entry.getValue().isEmpty() && !asked.contains(entry.getKey()))
                .map(entry -> accelerators.get(entry.getKey()).hidingEnvironment())
                .filter(variables -> !variables.isEmpty())
                .map(variables -> new DeviceExposure(List.of(), List.of(), variables, List.of()))
                .toList();
    }

    private DeviceExposure routed(DeviceExposure exposure) {
        boolean throughDriver = !exposure.deviceRequests().isEmpty() && exposure.deviceRequests().stream()
                .allMatch(request -> engineDrivers.contains(request.driver()));
        return throughDriver
                ? new DeviceExposure(List.of(), exposure.deviceRequests(), exposure.environment(), exposure.mounts())
                : new DeviceExposure(exposure.deviceNodes(), List.of(), exposure.environment(), exposure.mounts());
    }

    /** Runs a waiting pod's callback; one that fails must not keep the others from theirs. */
    private static void runQuietly(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.warn("A pod waiting for devices could not be told: {}", e.toString());
        }
    }

    private boolean fits(Map<String, Integer> wanted) {
        return wanted.entrySet().stream().allMatch(want -> free(want.getKey()) >= want.getValue());
    }

    /** How many devices of the resource are free now. */
    public synchronized int free(String resource) {
        return freeDevices(resource).size();
    }

    /** How many devices of the resource there are, free or not; 0 for a resource it does not serve. */
    public int present(String resource) {
        return inventory.getOrDefault(resource, List.of()).size();
    }

    private List<AcceleratorDevice> freeDevices(String resource) {
        Set<String> taken = new HashSet<>();
        held.values().forEach(devices -> devices.byResource().getOrDefault(resource, List.of())
                .forEach(device -> taken.add(device.id())));
        return inventory.getOrDefault(resource, List.of()).stream().filter(device -> !taken.contains(device.id()))
                .toList();
    }

    private PodDevices take(String uid, Map<String, Integer> wanted) {
        Map<String, List<AcceleratorDevice>> devices = new LinkedHashMap<>();
        wanted.forEach((resource, count) -> devices.put(resource, freeDevices(resource).subList(0, count)));
        PodDevices given = new PodDevices(devices);
        held.put(uid, given);
        LOG.info("Pod {} holds {}", uid, describe(given));
        return given;
    }

    private static String describe(PodDevices devices) {
        return devices.byResource().entrySet().stream()
                .map(entry -> entry.getKey() + " " + entry.getValue().stream().map(AcceleratorDevice::id).toList())
                .collect(Collectors.joining(", "));
    }
}
