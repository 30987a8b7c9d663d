package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.podOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.api.wire.RetrievedContainer;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import eu.interlink.jvm.docker.engine.Labels;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A hundred pods, created and deleted eight at a time on a runtime with a pool, most of them failing in one of the
 * ways pods fail, leave nothing behind once things settle: no container, volume, network or sandbox folder beyond the
 * pool's own, no event or log stream thread, no file descriptor beyond the host engine's idle connections.
 */
class ResourceHygieneTest {

    private static final int PODS = 100;
    private static final int WORKERS = 8;
    private static final Duration SETTLE = Duration.ofSeconds(60);
    /**
     * How many more sockets the JVM may hold after the pods than before them, whatever their number: docker-java keeps
     * each connection to the host engine that a call opened, idle, for a later call, up to as many as ran at once;
     * each is a unix socket, and the TCP socket that docker-java's {@code UnixSocket}, a {@code java.net.Socket},
     * holds unused beside it until collected. Calls run at once for the pods ({@link #WORKERS} at a time, a couple of
     * calls each) and the pool's two builds.
     */
    private static final int IDLE_ENGINE_SOCKETS = 2 * 2 * (WORKERS + 2);
    private static final String SOCKET = "socket";
    /** How a thread of the runtime's pools is named: those idle for 60 s end, and are no leak before then. */
    private static final String POOLED_THREAD = "interlink-docker-";

    private static final RetrievedContainer OBJECTS = new RetrievedContainer("main",
            List.of(new ConfigMapBuilder().withNewMetadata().withName("app-config").endMetadata()
                    .withData(Map.of("app.conf", "lr=0.1")).build()),
            List.of(new SecretBuilder().withNewMetadata().withName("creds").endMetadata()
                    .withData(Map.of("password", "czNjcjN0")).build()),
            List.of(), null);

    @Test
    void aHundredPodsCreatedAndDeletedWithFailuresLeaveNoContainerVolumeFolderThreadOrFileDescriptorBehind()
            throws Exception {
        try (RuntimeFixture fixture = RuntimeFixture.open(2, Map.of())) {
            fixture.awaitReady();
            // One pod of each kind first: the jars, classes and clients that the JVM opens once count before.
            runAll(fixture, Kind.values().length);
            Footprint before = settled(fixture, null);
            long socketsBefore = Footprint.sockets();
            Set<Thread> threadsBefore = Set.copyOf(Thread.getAllStackTraces().keySet());

            runAll(fixture, PODS);

            Footprint after = settled(fixture, before);
            assertThat(after.isWithin(before)).as("what the runtime holds after %d pods, %s, against before them, %s",
                    PODS, after, before).isTrue();
            assertThat(Footprint.sockets()).as("the JVM's sockets, %d before", socketsBefore)
                    .isLessThanOrEqualTo(socketsBefore + IDLE_ENGINE_SOCKETS);
            assertThat(threadsStartedSince(threadsBefore)).as("threads started by the pods and still alive").isEmpty();
        }
    }

    /** Creates and deletes this many pods, each of the next kind, {@link #WORKERS} at a time, and waits for them all. */
    private static void runAll(RuntimeFixture fixture, int pods) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<?>> runs = new ArrayList<>();
            Kind[] kinds = Kind.values();
            IntStream.range(0, pods).forEach(i -> runs.add(workers.submit(() -> kinds[i % kinds.length].run(fixture, i))));
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            workers.shutdownNow();
        }
    }

    /**
     * Waits until the pool is full again, no pod is left, and the runtime's footprint is the same two seconds in a row
     * (and, if one is expected, has no more of anything than that one), then returns it.
     */
    private static Footprint settled(RuntimeFixture fixture, Footprint expected) {
        AtomicReference<Footprint> last = new AtomicReference<>();
        return await(expected == null ? "a settled footprint" : "the footprint from before: " + expected)
                .atMost(SETTLE).pollInterval(Duration.ofSeconds(2))
                .until(() -> Footprint.of(fixture), footprint -> footprint.poolSandboxes() == 2
                        && footprint.claims() == 0 && footprint.equals(last.getAndSet(footprint))
                        && (expected == null || footprint.isWithin(expected)));
    }

    /** The threads alive now and not before, other than the runtime's pooled workers, which end when idle. */
    private static Set<String> threadsStartedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive())
                .map(Thread::getName)
                .filter(name -> !name.startsWith(POOLED_THREAD))
                .collect(Collectors.toSet());
    }

    /** What a pod may fail in, and when it is deleted. */
    private enum Kind {
        RUNS("""
                restartPolicy: Never
                containers: [{name: main, image: %s, command: [sleep, "3600"]}]
                """, Kind::running),
        MISSING_IMAGE("""
                restartPolicy: Never
                containers: [{name: main, image: "localhost:1/absent:none", imagePullPolicy: IfNotPresent}]
                """, waiting("ErrImagePull", "ImagePullBackOff")),
        FAILING_INIT("""
                restartPolicy: Never
                initContainers: [{name: init, image: %s, command: [sh, -c, "exit 3"]}]
                containers: [{name: main, image: %s, command: [sleep, "3600"]}]
                """, status -> terminated(status.initContainers().get(0))),
        EXITS_NON_ZERO("""
                restartPolicy: Never
                containers: [{name: main, image: %s, command: [sh, -c, "exit 7"]}]
                """, status -> terminated(status.containers().get(0))),
        DELETED_AT_ONCE("""
                restartPolicy: Never
                containers: [{name: main, image: %s, command: [sleep, "3600"]}]
                """, status -> true),
        DELETED_DURING_INIT("""
                restartPolicy: Never
                initContainers: [{name: init, image: %s, command: [sleep, "3600"]}]
                containers: [{name: main, image: %s, command: [sleep, "3600"]}]
                """, status -> status.initContainers().get(0).getState().getRunning() != null),
        RESTARTS("""
                restartPolicy: OnFailure
                containers: [{name: main, image: %s, command: [sh, -c, "exit 1"]}]
                """, waiting("CrashLoopBackOff")),
        VOLUMES("""
                restartPolicy: Never
                volumes:
                  - {name: config, configMap: {name: app-config}}
                  - {name: creds, secret: {secretName: creds}}
                  - {name: scratch, emptyDir: {}}
                containers:
                  - name: main
                    image: %s
                    command: [sh, -c, "cat /config/app.conf /creds/password > /scratch/out && exec sleep 3600"]
                    volumeMounts:
                      - {name: config, mountPath: /config}
                      - {name: creds, mountPath: /creds}
                      - {name: scratch, mountPath: /scratch}
                """, Kind::running),
        PROBES("""
                restartPolicy: Never
                containers:
                  - name: main
                    image: %s
                    command: [sh, -c, "mkdir /www && echo ok > /www/index.html && httpd -p 8080 -h /www && exec sleep 3600"]
                    readinessProbe: {httpGet: {path: /, port: 8080}, periodSeconds: 1}
                    livenessProbe: {tcpSocket: {port: 8080}, periodSeconds: 1}
                    startupProbe: {exec: {command: ["true"]}, periodSeconds: 1}
                """, status -> Boolean.TRUE.equals(status.containers().get(0).getReady()));

        private final String spec;
        private final Predicate<PodStatus> deleteWhen;

        Kind(String spec, Predicate<PodStatus> deleteWhen) {
            this.spec = spec;
            this.deleteWhen = deleteWhen;
        }

        void run(RuntimeFixture fixture, int index) {
            Pod pod = podOf(name().toLowerCase().replace('_', '-') + "-" + index, "terminationGracePeriodSeconds: 1\n"
                    + spec.formatted(RuntimeFixture.BUSYBOX, RuntimeFixture.BUSYBOX));
            fixture.create(new RetrievedPodData(pod, List.of(OBJECTS)));
            await().atMost(RuntimeFixture.SANDBOX_TIME).pollInterval(Duration.ofMillis(200))
                    .until(() -> fixture.status(pod), deleteWhen);
            fixture.runtime.delete(pod);
        }

        private static boolean running(PodStatus status) {
            return status.containers().get(0).getState().getRunning() != null;
        }

        private static boolean terminated(ContainerStatus container) {
            return container.getState().getTerminated() != null;
        }

        private static Predicate<PodStatus> waiting(String... reasons) {
            return status -> {
                ContainerState state = status.containers().get(0).getState();
                return state.getWaiting() != null && List.of(reasons).contains(state.getWaiting().getReason());
            };
        }
    }

    /**
     * What the runtime holds: on the host engine, what is labelled with the fixture's data root; on the host, the
     * sandbox folders, the JVM's file descriptors other than sockets (by kind) and docker-java's stream threads.
     */
    private record Footprint(int poolSandboxes, int claims, int containers, int volumes, int networks, int folders,
            Map<String, Long> fileDescriptors, long streamThreads) {

        static Footprint of(RuntimeFixture fixture) throws IOException {
            String dataRoot = fixture.dataRoot.toString();
            Map<String, String> ownLabel = Map.of(Labels.DATA_ROOT, dataRoot);
            Map<String, Long> fileDescriptors = openFileDescriptors();
            fileDescriptors.remove(SOCKET);
            return new Footprint(
                    fixture.poolSandboxes().size(),
                    fixture.containersLabelled(Map.of(Labels.ROLE, Labels.ROLE_POD_CLAIM, Labels.DATA_ROOT, dataRoot))
                            .size(),
                    fixture.containersLabelled(ownLabel).size(),
                    fixture.volumesLabelled(Labels.DATA_ROOT, dataRoot).size(),
                    fixture.docker.listNetworksCmd().withFilter("label", List.of(Labels.filter(Labels.DATA_ROOT,
                            dataRoot))).exec().size(),
                    fixture.sandboxFolders().size(),
                    fileDescriptors,
                    Thread.getAllStackTraces().keySet().stream()
                            .filter(thread -> thread.getName().startsWith("docker-java-stream-")).count());
        }

        /**
         * Whether this footprint has the same Docker objects and folders as that one and no more file descriptors of
         * any kind: fewer is no leak (idle clients' selectors close when they are collected).
         */
        boolean isWithin(Footprint before) {
            boolean sameObjects = poolSandboxes == before.poolSandboxes && claims == before.claims
                    && containers == before.containers && volumes == before.volumes && networks == before.networks
                    && folders == before.folders && streamThreads <= before.streamThreads;
            return sameObjects && fileDescriptors.entrySet().stream().allMatch(kind ->
                    kind.getValue() <= before.fileDescriptors.getOrDefault(kind.getKey(), 0L));
        }

        /** The JVM's open sockets. */
        static long sockets() throws IOException {
            return openFileDescriptors().getOrDefault(SOCKET, 0L);
        }

        /** The JVM's open file descriptors, counted by what they are: socket, pipe, anon_inode, or file. */
        private static Map<String, Long> openFileDescriptors() throws IOException {
            try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
                return fds.map(Footprint::kind).collect(Collectors.groupingBy(kind -> kind, TreeMap::new,
                        Collectors.counting()));
            }
        }

        private static String kind(Path fd) {
            try {
                String target = Files.readSymbolicLink(fd).toString();
                int colon = target.indexOf(':');
                return colon > 0 && !target.startsWith("/") ? target.substring(0, colon) : "file";
            } catch (IOException e) {
                return "gone";
            }
        }
    }
}
