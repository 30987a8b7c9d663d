package eu.interlink.jvm.docker.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The registry's admissions and retirements, as creates and deletes make them, many at once on a few UIDs, each
 * admission taking its sandbox from a pool as the runtime does: whatever their order, every sandbox taken has exactly
 * one owner (a pod the registry knows, or the one delete that retired it, which removes it), each UID gets one sandbox
 * at most, and a retired UID is never known again.
 */
class PodRegistryInterleavingsTest {

    private static final int UIDS = 4;
    private static ExecutorService threads;

    /** One call: an admission (a create) or a retirement (a delete) of one of the UIDs. */
    record Call(boolean admit, int uid) {

        @Override
        public String toString() {
            return (admit ? "admit uid-" : "retire uid-") + uid;
        }
    }

    /** What a call got: the record admitted or known, the record retired, or the refusal. */
    private record Answer(Call call, PodRecord pod, RuntimeException refusal) {
    }

    @BeforeContainer
    static void startThreads() {
        threads = Executors.newFixedThreadPool(16);
    }

    @AfterContainer
    static void stopThreads() {
        threads.shutdownNow();
    }

    @Property(tries = 2000)
    void everySandboxTakenHasOneOwnerAndARetiredUidIsNeverKnownAgain(@ForAll("calls") List<Call> calls)
            throws Exception {
        PodRegistry registry = new PodRegistry(new Tombstones(Clock.systemUTC(), Duration.ofMinutes(10), 100));
        ConcurrentLinkedDeque<String> pool = IntStream.range(0, calls.size()).mapToObj(i -> "sandbox-" + i)
                .collect(Collectors.toCollection(ConcurrentLinkedDeque::new));
        List<PodRecord> made = new CopyOnWriteArrayList<>();

        List<Answer> answers = runAtOnce(calls, call -> call.admit()
                ? admit(registry, call, pool, made)
                : new Answer(call, registry.retire(uid(call.uid())).orElse(null), null));

        List<PodRecord> retired = answers.stream().filter(answer -> !answer.call().admit() && answer.pod() != null)
                .map(Answer::pod).toList();
        List<PodRecord> owners = new ArrayList<>(registry.all());
        owners.addAll(retired);
        assertThat(owners).as("the owners of the sandboxes taken").containsExactlyInAnyOrderElementsOf(made);
        assertThat(made.stream().map(record -> record.identity().uid())).as("UIDs given a sandbox")
                .doesNotHaveDuplicates();
        Set<Integer> retiredUids = calls.stream().filter(call -> !call.admit()).map(Call::uid)
                .collect(Collectors.toSet());
        for (int uid : retiredUids) {
            assertThat(registry.find(uid(uid))).as("uid-%s after its retirement", uid).isEmpty();
            assertThatThrownBy(() -> registry.admit(identity(uid), () -> record(uid, "late")))
                    .isInstanceOf(InvalidPodException.class).hasMessageEndingWith("was deleted; a deleted pod cannot"
                            + " be created again under the same UID");
        }
        Map<Integer, Set<PodRecord>> admittedByUid = answers.stream()
                .filter(answer -> answer.call().admit() && answer.pod() != null)
                .collect(Collectors.groupingBy(answer -> answer.call().uid(),
                        Collectors.mapping(Answer::pod, Collectors.toSet())));
        assertThat(admittedByUid.values()).as("the answers to the admissions of one UID")
                .allSatisfy(records -> assertThat(records).hasSize(1));
        assertThat(answers).filteredOn(answer -> answer.refusal() != null)
                .allSatisfy(answer -> assertThat(retiredUids).contains(answer.call().uid()));
    }

    @Provide
    Arbitrary<List<Call>> calls() {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(0, UIDS - 1))
                .as(Call::new).list().ofMinSize(1).ofMaxSize(24);
    }

    private static Answer admit(PodRegistry registry, Call call, ConcurrentLinkedDeque<String> pool,
            Collection<PodRecord> made) {
        try {
            PodRegistry.Admission admission = registry.admit(identity(call.uid()), () -> {
                PodRecord record = record(call.uid(), Optional.ofNullable(pool.pollFirst()).orElseThrow());
                made.add(record);
                return record;
            });
            return new Answer(call, admission.pod(), null);
        } catch (InvalidPodException e) {
            return new Answer(call, null, e);
        }
    }

    /** Runs the calls all at once, one thread each, and returns their answers in the calls' order. */
    private static List<Answer> runAtOnce(List<Call> calls, Function<Call, Answer> run)
            throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> running = new ArrayList<>();
        for (Call call : calls) {
            running.add(threads.submit(() -> {
                go.await();
                return run.apply(call);
            }));
        }
        go.countDown();
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> answer : running) {
            answers.add(answer.get(10, TimeUnit.SECONDS));
        }
        return answers;
    }

    private static String uid(int uid) {
        return "uid-" + uid;
    }

    private static PodIdentity identity(int uid) {
        return new PodIdentity(uid(uid), "tests", "pod-" + uid);
    }

    private static PodRecord record(int uid, String sandboxId) {
        Pod pod = new PodBuilder().withNewMetadata().withUid(uid(uid)).withNamespace("tests").withName("pod-" + uid)
                .endMetadata().withNewSpec().addNewContainer().withName("main").withImage("busybox").endContainer()
                .endSpec().build();
        return new PodRecord(identity(uid), pod, PodPlan.EMPTY, sandboxId);
    }
}
