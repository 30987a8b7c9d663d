package eu.interlink.jvm.host.conformance;

import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.host.conformance.RecordingListener.Observation;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Stream;

/**
 * What every case's answers must be for interLink to read them (its wire contract): the create answers the pod's UID,
 * and each status lists every container of the spec once (in any order, as kubelet sorts them by name; an empty list
 * makes the virtual kubelet take the pod for Succeeded) and the init containers in their order, with RFC 3339 or
 * absent times ({@code ""} makes interLink fail the whole status call).
 */
final class WireChecks {

    private WireChecks() {
    }

    static void verify(Pod pod, CreateResponse created, List<Observation> observations) {
        String uid = pod.getMetadata().getUid();
        Expect.that(created != null && uid.equals(created.podUid()), "the create answered PodUID "
                + (created == null ? "nothing" : created.podUid()) + ", not the pod's uid " + uid
                + ": the virtual kubelet would not record its JobID");
        List<String> containers = names(pod.getSpec().getContainers()).stream().sorted().toList();
        List<String> initContainers = names(pod.getSpec().getInitContainers());
        for (Observation observation : observations) {
            PodStatus status = observation.status();
            Expect.equal(status.containers().stream().map(ContainerStatus::getName).sorted().toList(), containers,
                    "the containers a status lists, sorted");
            Expect.equal(status.initContainers().stream().map(ContainerStatus::getName).toList(), initContainers,
                    "the init containers a status lists");
            Stream.concat(status.initContainers().stream(), status.containers().stream())
                    .forEach(WireChecks::requireKubeTimes);
        }
    }

    private static List<String> names(List<Container> containers) {
        return containers == null ? List.of() : containers.stream().map(Container::getName).toList();
    }

    private static void requireKubeTimes(ContainerStatus container) {
        for (ContainerState state : new ContainerState[] {container.getState(), container.getLastState()}) {
            if (state == null) {
                continue;
            }
            if (state.getRunning() != null) {
                requireKubeTime(container, "startedAt", state.getRunning().getStartedAt());
            }
            if (state.getTerminated() != null) {
                requireKubeTime(container, "startedAt", state.getTerminated().getStartedAt());
                requireKubeTime(container, "finishedAt", state.getTerminated().getFinishedAt());
            }
        }
    }

    private static void requireKubeTime(ContainerStatus container, String field, String value) {
        if (value == null) {
            return;
        }
        try {
            OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new CaseFailure("container " + container.getName() + "'s " + field + " is \"" + value
                    + "\", not an RFC 3339 time: interLink fails the whole status call on it");
        }
    }
}
