package eu.interlink.jvm.docker.probes;

import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.GRPCAction;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SleepAction;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import java.util.stream.Stream;

/** The action of a probe or a hook, whichever of them it is: each member is null but the one that is set. */
record Action(ExecAction exec, HTTPGetAction httpGet, TCPSocketAction tcpSocket, GRPCAction grpc, SleepAction sleep) {

    static Action of(Probe probe) {
        return new Action(probe.getExec(), probe.getHttpGet(), probe.getTcpSocket(), probe.getGrpc(), null);
    }

    static Action of(LifecycleHandler hook) {
        return new Action(hook.getExec(), hook.getHttpGet(), hook.getTcpSocket(), null, hook.getSleep());
    }

    /** How many of the actions are set: exactly one for a valid probe or hook. */
    long count() {
        return Stream.of(exec, httpGet, tcpSocket, grpc, sleep).filter(action -> action != null).count();
    }
}
