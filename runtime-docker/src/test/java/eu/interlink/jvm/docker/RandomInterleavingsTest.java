package eu.interlink.jvm.docker;

import static eu.interlink.jvm.docker.RuntimeFixture.pod;
import static eu.interlink.jvm.docker.RuntimeFixture.shell;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * Random interleavings of creates, deletes, status and log calls on three pods, each call after a random short delay,
 * all on one real runtime with a pool of two: after each, once things settled, the {@link RuntimeInvariants} hold.
 * A failing interleaving shrinks to a short list of calls: a runtime that took a pooled sandbox even for a create whose
 * pod it knew already fails with {@code [CREATE pod-0, CREATE pod-0, CREATE pod-0, CREATE pod-0]}.
 */
class RandomInterleavingsTest {

    private static final int POOL = 2;
    private static final int PODS = 3;
    /** A container that runs until SIGTERM, and then stops at once. */
    private static final String SERVE = "trap 'exit 0' TERM; while true; do sleep 0.1; done";

    private RuntimeFixture fixture;

    /**
     * One call of an interleaving: what, on which of the try's pods, and after how long.
     *
     * @param pod the index of the pod, {@code pod-0} to {@code pod-2}
     */
    record Step(PodOperation.Kind kind, int pod, int delayMillis) {

        PodOperation on(List<Pod> pods) {
            return new PodOperation(kind, pods.get(pod), Duration.ofMillis(delayMillis));
        }

        @Override
        public String toString() {
            return kind + " pod-" + pod + (delayMillis == 0 ? "" : " after " + delayMillis + " ms");
        }
    }

    /** A runtime of its own for each try, so that a try, and a shrunk one, starts from nothing. */
    @BeforeTry
    void openRuntime() throws IOException {
        fixture = RuntimeFixture.open(POOL, Map.of());
    }

    @AfterTry
    void closeRuntime() throws IOException {
        fixture.close();
    }

    @Property(tries = 15)
    void anyInterleavingGivesEachPodItsOwnSandboxLeavesNoneWithoutAnOwnerAndEndsDeletedPodsClean(
            @ForAll("interleavings") List<Step> steps) throws InterruptedException {
        fixture.awaitReady();
        List<Pod> pods = IntStream.range(0, PODS).mapToObj(i -> pod("pod-" + i, shell("main", SERVE))).toList();

        List<OperationOutcome> outcomes = InterleavedOperations.runAtOnce(fixture,
                steps.stream().map(step -> step.on(pods)).toList());

        assertThat(outcomes).allSatisfy(OperationOutcome::requireDocumented);
        Map<String, Set<String>> jids = OperationOutcome.jidsByUid(outcomes);
        assertThat(jids.values()).as("the answers of repeated creates of one UID")
                .allSatisfy(answers -> assertThat(answers).hasSize(1));
        Set<Integer> deletedIndexes = steps.stream().filter(step -> step.kind() == PodOperation.Kind.DELETE)
                .map(Step::pod).collect(Collectors.toSet());
        List<Pod> deleted = deletedIndexes.stream().map(pods::get).toList();
        List<Pod> surviving = pods.stream().filter(pod -> !deleted.contains(pod))
                .filter(pod -> jids.containsKey(pod.getMetadata().getUid())).toList();
        new RuntimeInvariants(fixture, POOL).awaitSettled(surviving, deleted, jids);
    }

    @Provide
    Arbitrary<List<Step>> interleavings() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.of(PodOperation.Kind.class),
                Arbitraries.integers().between(0, PODS - 1),
                Arbitraries.integers().between(0, 400)).as(Step::new);
        return step.list().ofMinSize(4).ofMaxSize(8);
    }
}
