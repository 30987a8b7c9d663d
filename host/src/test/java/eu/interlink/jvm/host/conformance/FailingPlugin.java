package eu.interlink.jvm.host.conformance;

import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.LogRequest;
import eu.interlink.jvm.api.wire.PodStatus;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import eu.interlink.jvm.host.run.PodBackend;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link PodBackend} test double for a wrong plugin: every container of every pod, init or regular, has ended with
 * exit code 1 as soon as it is asked, and every log is empty. It records the pods it is asked to delete.
 */
final class FailingPlugin implements PodBackend {

    final List<Pod> deleted = new CopyOnWriteArrayList<>();

    @Override
    public CreateResponse create(RetrievedPodData pod) {
        return new CreateResponse(pod.podUid(), "job-" + pod.podUid());
    }

    @Override
    public PodStatus status(Pod pod) {
        return new PodStatus(pod.getMetadata().getName(), pod.getMetadata().getUid(),
                pod.getMetadata().getNamespace(), "job-" + pod.getMetadata().getUid(),
                failed(pod.getSpec().getContainers()), failed(pod.getSpec().getInitContainers()));
    }

    @Override
    public void logs(LogRequest request, OutputStream out) {
        // Every log is empty.
    }

    @Override
    public void delete(Pod pod) {
        deleted.add(pod);
    }

    @Override
    public String description() {
        return "the failing plugin";
    }

    @Override
    public void close() {
        // Nothing to release.
    }

    private static List<ContainerStatus> failed(List<Container> containers) {
        return containers.stream().map(container -> new ContainerStatusBuilder().withName(container.getName())
                .withRestartCount(0).withNewState().withNewTerminated().withExitCode(1).withReason("Error")
                .endTerminated().endState().build()).toList();
    }
}
