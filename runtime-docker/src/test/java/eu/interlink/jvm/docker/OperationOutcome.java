package eu.interlink.jvm.docker;

import static org.assertj.core.api.Assertions.assertThat;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.api.runtime.PodNotFoundException;
import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.PodStatus;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** What one {@link PodOperation} got: its answer, or what it threw. */
record OperationOutcome(PodOperation operation, Object answer, Throwable failure) {

    /**
     * Checks that the call answered as the runtime's contract says, whatever ran at the same time: a create answers
     * the pod's UID, or refuses a deleted UID; a delete and a status always succeed, the status naming the pod and
     * each of its containers; a log is written, or its pod is not found, or (when its sandbox went away while it
     * was read) an {@link IOException} says so.
     */
    void requireDocumented() {
        switch (operation.kind()) {
            case CREATE -> {
                if (failure == null) {
                    assertThat(((CreateResponse) answer).podUid()).as("%s", operation).isEqualTo(operation.uid());
                } else {
                    assertThat(failure).as("%s", operation).isInstanceOf(InvalidPodException.class).hasMessageEndingWith(
                            "was deleted; a deleted pod cannot be created again under the same UID");
                }
            }
            case DELETE -> assertThat(failure).as("%s", operation).isNull();
            case STATUS -> {
                assertThat(failure).as("%s", operation).isNull();
                PodStatus status = (PodStatus) answer;
                assertThat(status.uid()).as("%s", operation).isEqualTo(operation.uid());
                assertThat(status.containers()).as("%s", operation).hasSize(1);
            }
            case LOGS -> {
                if (failure != null) {
                    assertThat(failure).as("%s", operation)
                            .isInstanceOfAny(PodNotFoundException.class, IOException.class);
                }
            }
        }
    }

    /** The sandbox ids (JIDs) the successful creates answered, by pod UID. */
    static Map<String, Set<String>> jidsByUid(List<OperationOutcome> outcomes) {
        return outcomes.stream()
                .filter(outcome -> outcome.operation().kind() == PodOperation.Kind.CREATE && outcome.failure() == null)
                .collect(Collectors.groupingBy(outcome -> outcome.operation().uid(), Collectors.mapping(
                        outcome -> ((CreateResponse) outcome.answer()).podJid(), Collectors.toSet())));
    }
}
